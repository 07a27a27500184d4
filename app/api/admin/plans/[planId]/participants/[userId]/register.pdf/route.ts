import { dossierRoute } from "@/lib/dossier/route";

/** GET /api/admin/plans/<planId>/participants/<userId>/register.pdf — one participant's registro FAD. */
export const GET = dossierRoute("participant-register");

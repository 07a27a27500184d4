import { dossierRoute } from "@/lib/dossier/route";

/** GET /api/admin/plans/<planId>/register.pdf — the plan's registro FAD (every participant), see lib/dossier/route.ts. */
export const GET = dossierRoute("register");

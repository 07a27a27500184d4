import { dossierRoute } from "@/lib/dossier/route";

/** GET /api/admin/plans/<planId>/course-file.pdf — the fascicolo del corso. */
export const GET = dossierRoute("course-file");

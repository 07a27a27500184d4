import { dossierRoute } from "@/lib/dossier/route";

/** GET /api/admin/plans/<planId>/declaration.pdf — the dichiarazione sostitutiva (409 naming what is missing rather than a blank). */
export const GET = dossierRoute("declaration");

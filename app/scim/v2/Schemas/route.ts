import { schemas } from "@/lib/scim/discovery";
import { scimJson, scimRoute } from "@/lib/scim/http";

export const dynamic = "force-dynamic";

/** GET /scim/v2/Schemas — the attributes each resource carries here. */
export const GET = scimRoute((_req, c) => scimJson(schemas(c.base)));

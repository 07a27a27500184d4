import { resourceTypes } from "@/lib/scim/discovery";
import { scimJson, scimRoute } from "@/lib/scim/http";

export const dynamic = "force-dynamic";

/** GET /scim/v2/ResourceTypes — User and Group. */
export const GET = scimRoute((_req, c) => scimJson(resourceTypes(c.base)));

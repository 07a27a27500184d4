import { serviceProviderConfig } from "@/lib/scim/discovery";
import { scimJson, scimRoute } from "@/lib/scim/http";

export const dynamic = "force-dynamic";

/** GET /scim/v2/ServiceProviderConfig — what this server supports (behind the token like the rest: RFC 7644 §4 allows it). */
export const GET = scimRoute((_req, c) => scimJson(serviceProviderConfig(c.base)));

import { equalityFilter } from "@/lib/scim/filter";
import { pageOf, readScimBody, scimJson, scimRoute } from "@/lib/scim/http";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, USER_SCHEMA } from "@/lib/scim/schemas";
import { createUser, listUsers } from "@/lib/scim/users";

export const dynamic = "force-dynamic";

/** GET /scim/v2/Users?filter=userName eq "…"&startIndex=&count= — the token's company's people. */
export const GET = scimRoute(async (req, c) => {
  const url = new URL(req.url);
  const filter = equalityFilter(url.searchParams.get("filter"), ["userName", "externalId", "id"] as const, USER_SCHEMA);
  const { startIndex, count } = pageOf(url, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  return scimJson(await listUsers(c, filter, startIndex, count));
});

/** POST /scim/v2/Users — a new learner of the token's company (201), 409 `uniqueness` for a taken userName. */
export const POST = scimRoute(async (req, c) => {
  const user = await createUser(c, await readScimBody(req));
  return scimJson(user, 201, { Location: user.meta.location });
});

import { equalityFilter } from "@/lib/scim/filter";
import { createGroup, listGroups } from "@/lib/scim/groups";
import { excludes, pageOf, readScimBody, scimJson, scimRoute } from "@/lib/scim/http";
import { DEFAULT_PAGE_SIZE, GROUP_SCHEMA, MAX_PAGE_SIZE } from "@/lib/scim/schemas";

export const dynamic = "force-dynamic";

/** GET /scim/v2/Groups?filter=displayName eq "…"&excludedAttributes=members — the token's company's departments. */
export const GET = scimRoute(async (req, c) => {
  const url = new URL(req.url);
  const filter = equalityFilter(url.searchParams.get("filter"), ["displayName", "externalId", "id"] as const, GROUP_SCHEMA);
  const { startIndex, count } = pageOf(url, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  return scimJson(await listGroups(c, filter, startIndex, count, !excludes(url, "members")));
});

/** POST /scim/v2/Groups — a new department (201), 409 `uniqueness` for a name the company has. */
export const POST = scimRoute(async (req, c) => {
  const group = await createGroup(c, await readScimBody(req));
  return scimJson(group, 201, { Location: group.meta.location });
});

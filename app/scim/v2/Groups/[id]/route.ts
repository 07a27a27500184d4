import { deleteGroup, getGroup, patchGroup, replaceGroup } from "@/lib/scim/groups";
import { excludes, readScimBody, scimJson, scimRoute } from "@/lib/scim/http";

type Params = { id: string };

export const dynamic = "force-dynamic";

/** GET /scim/v2/Groups/<id>[?excludedAttributes=members] — 404 for an unknown id or another company's department. */
export const GET = scimRoute<Params>(async (req, c, { id }) => scimJson(await getGroup(c, id, !excludes(new URL(req.url), "members"))));

/** PUT /scim/v2/Groups/<id> — name, link and (when sent) members. */
export const PUT = scimRoute<Params>(async (req, c, { id }) => scimJson(await replaceGroup(c, id, await readScimBody(req))));

/** PATCH /scim/v2/Groups/<id> — members added/removed, displayName; answers the updated group. */
export const PATCH = scimRoute<Params>(async (req, c, { id }) => scimJson(await patchGroup(c, id, await readScimBody(req))));

/** DELETE /scim/v2/Groups/<id> — empties and unlinks the department (it stays, with its history); 204. */
export const DELETE = scimRoute<Params>(async (_req, c, { id }) => {
  await deleteGroup(c, id);
  return new Response(null, { status: 204 });
});

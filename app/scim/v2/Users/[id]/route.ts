import { readScimBody, scimJson, scimRoute } from "@/lib/scim/http";
import { deleteUser, getUser, patchUser, replaceUser } from "@/lib/scim/users";

type Params = { id: string };

export const dynamic = "force-dynamic";

/** GET /scim/v2/Users/<id> — 404 for an unknown id, another company's person, or one the directory deleted. */
export const GET = scimRoute<Params>(async (_req, c, { id }) => scimJson(await getUser(c, id)));

/** PUT /scim/v2/Users/<id> — replaces the provisioned attributes. */
export const PUT = scimRoute<Params>(async (req, c, { id }) => scimJson(await replaceUser(c, id, await readScimBody(req))));

/** PATCH /scim/v2/Users/<id> — RFC 7644 §3.5.2 operations, as Entra ID sends them; answers the updated resource. */
export const PATCH = scimRoute<Params>(async (req, c, { id }) => scimJson(await patchUser(c, id, await readScimBody(req))));

/** DELETE /scim/v2/Users/<id> — deactivates and unlinks the person (never deletes them); 204. */
export const DELETE = scimRoute<Params>(async (_req, c, { id }) => {
  await deleteUser(c, id);
  return new Response(null, { status: 204 });
});

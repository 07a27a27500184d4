import "server-only";
import { scimPatch, type ScimPatchOperation } from "scim-patch";
import { z } from "zod";
import { findDepartmentByName, insertDepartment } from "@/db/queries/departments";
import {
  clearPeopleDepartment,
  getScimGroup,
  getScimUser,
  listGroupMembers,
  listScimGroups,
  renameDepartment,
  setDepartmentExternalId,
  setPeopleDepartment,
  type GroupCondition,
  type ScimGroupRow,
} from "@/db/queries/scim";
import { appendAuditEvent } from "@/lib/audit/trail";
import { notFound, ScimError } from "./errors";
import { parsePatchOperations, patchError, type PatchOperation } from "./patch";
import { GROUP_SCHEMA, LIST_SCHEMA } from "./schemas";
import type { ScimContext } from "./users";

/**
 * SCIM Groups are the company's departments (lib/departments): a group's members are the people
 * whose department it is. A person has one department, so joining a group moves them out of the
 * one they were in; leaving it leaves them without one. The company's enrolment rules on a
 * department follow its people (they are evaluated at read time, `effective_enrolments`).
 */

const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();

async function resource(c: ScimContext, g: ScimGroupRow, withMembers = true) {
  return {
    schemas: [GROUP_SCHEMA],
    id: String(g.id),
    ...(g.externalId !== null ? { externalId: g.externalId } : {}),
    displayName: g.name,
    ...(withMembers ? { members: (await listGroupMembers(c.d, c.companyId, g.name)).map((m) => ({ value: String(m.id), display: m.email, $ref: `${c.base}/Users/${m.id}` })) } : {}),
    meta: { resourceType: "Group", created: iso(g.createdAt), lastModified: iso(g.createdAt), location: `${c.base}/Groups/${g.id}` },
  };
}

async function load(c: ScimContext, id: string): Promise<ScimGroupRow> {
  const n = /^\d{1,15}$/.test(id) ? Number(id) : NaN;
  const g = Number.isSafeInteger(n) ? await getScimGroup(c.d, c.companyId, n) : undefined;
  if (!g) throw notFound("Group");
  return g;
}

export async function getGroup(c: ScimContext, id: string, withMembers: boolean) {
  return resource(c, await load(c, id), withMembers);
}

export async function listGroups(c: ScimContext, cond: GroupCondition, startIndex: number, count: number, withMembers: boolean) {
  const { rows, total } = await listScimGroups(c.d, c.companyId, cond, startIndex - 1, count);
  const resources = [];
  for (const g of rows) resources.push(await resource(c, g, withMembers));
  return { schemas: [LIST_SCHEMA], totalResults: total, startIndex, itemsPerPage: rows.length, Resources: resources };
}

const Member = z.object({ value: z.string({ error: "members[].value is required" }) });
const GroupInput = z.object({
  displayName: z.string({ error: "displayName is required" }).trim().min(1, { error: "displayName is required" }).max(100, { error: "displayName: at most 100 characters" }),
  externalId: z.union([z.string().trim().max(200), z.null()]).optional(),
  members: z.union([z.array(Member).max(20_000), z.null()]).optional(),
});

function parseGroup(body: unknown) {
  const r = GroupInput.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new ScimError(400, `${issue.path.join(".") || "body"}: ${issue.message}`, "invalidValue");
  }
  return { displayName: r.data.displayName, externalId: r.data.externalId || null, members: r.data.members === undefined ? undefined : (r.data.members ?? []).map((m) => m.value) };
}

/** The people ids of member references, every one a visible person of the company. @throws 400 invalidValue */
async function memberIds(c: ScimContext, values: readonly string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const v of new Set(values)) {
    const n = /^\d{1,15}$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || !(await getScimUser(c.d, c.companyId, n))) throw new ScimError(400, `members: no user with id "${v.slice(0, 40)}".`, "invalidValue");
    ids.push(n);
  }
  return ids;
}

/** POST /Groups: a new department at the top of the company's tree, with its members. @throws 409 uniqueness for a name the company already has */
export async function createGroup(c: ScimContext, body: unknown) {
  const g = parseGroup(body);
  const now = c.now ?? new Date();
  return c.d.write(async () => {
    if (await findDepartmentByName(c.d, c.companyId, g.displayName)) throw new ScimError(409, "displayName: the company already has a department with this name.", "uniqueness");
    const id = await insertDepartment(c.d, { companyId: c.companyId, name: g.displayName, parentId: null });
    await setDepartmentExternalId(c.d, id, g.externalId);
    const added = g.members ? await setPeopleDepartment(c.d, c.companyId, await memberIds(c, g.members), g.displayName, now) : [];
    await appendAuditEvent(c.d, { type: "scim.group-create", subject: `department:${id}`, data: { companyId: c.companyId, displayName: g.displayName, externalId: g.externalId, added }, at: now });
    return resource(c, (await getScimGroup(c.d, c.companyId, id))!);
  });
}

/** Applies a group's new state: rename (its people and the rules on it follow), link, members added and removed. Audited. */
async function apply(c: ScimContext, before: ScimGroupRow, next: { displayName: string; externalId: string | null; members: readonly string[] | undefined }, how: "put" | "patch") {
  const now = c.now ?? new Date();
  return c.d.write(async () => {
    const changes: Record<string, unknown> = {};
    let name = before.name;
    if (next.displayName !== before.name) {
      if (await findDepartmentByName(c.d, c.companyId, next.displayName)) throw new ScimError(409, "displayName: the company already has a department with this name.", "uniqueness");
      await renameDepartment(c.d, c.companyId, before.id, before.name, next.displayName, now);
      changes.displayName = next.displayName;
      name = next.displayName;
    }
    if (next.externalId !== before.externalId) {
      await setDepartmentExternalId(c.d, before.id, next.externalId);
      changes.externalId = next.externalId;
    }
    if (next.members !== undefined) {
      const wanted = await memberIds(c, next.members);
      const current = (await listGroupMembers(c.d, c.companyId, name)).map((m) => m.id);
      const added = await setPeopleDepartment(c.d, c.companyId, wanted.filter((id) => !current.includes(id)), name, now);
      const removed = await clearPeopleDepartment(c.d, c.companyId, current.filter((id) => !wanted.includes(id)), name, now);
      if (added.length) changes.added = added;
      if (removed.length) changes.removed = removed;
    }
    if (Object.keys(changes).length) await appendAuditEvent(c.d, { type: "scim.group-update", subject: `department:${before.id}`, data: { companyId: c.companyId, via: how, ...changes }, at: now });
    return resource(c, (await getScimGroup(c.d, c.companyId, before.id))!);
  });
}

/** PUT /Groups/<id>: the group as sent (members omitted: left as they are). */
export async function replaceGroup(c: ScimContext, id: string, body: unknown) {
  const before = await load(c, id);
  return apply(c, before, parseGroup(body), "put");
}

/** An operation on `members` with its values reduced to `{ value }` (the id as a string); others as they are. */
function memberValuesOnly(op: PatchOperation): PatchOperation {
  if (op.path?.toLowerCase() !== "members" || op.value === undefined) return op;
  const values = Array.isArray(op.value) ? op.value : [op.value];
  return { ...op, value: values.map((v) => (v && typeof v === "object" && "value" in v ? { value: String((v as { value: unknown }).value) } : v)) };
}

/**
 * PATCH /Groups/<id>: Entra ID's `Add`/`Remove` of `members` with a value list, `Replace` of
 * `displayName`, and the RFC's `members[value eq "…"]` paths, applied by scim-patch to the
 * group's current resource; the difference in members is then written.
 */
export async function patchGroup(c: ScimContext, id: string, body: unknown) {
  const before = await load(c, id);
  const ops = parsePatchOperations(body).map(memberValuesOnly);
  // Members are compared by `value` alone: Entra removes `{"$ref": null, "value": "<id>"}`, which scim-patch matches whole.
  const current = { ...await resource(c, before), members: (await listGroupMembers(c.d, c.companyId, before.name)).map((m) => ({ value: String(m.id) })) };
  let patched: unknown;
  try {
    patched = scimPatch(current as never, ops as ScimPatchOperation[], { mutateDocument: false });
  } catch (e) {
    throw patchError(e);
  }
  const next = parseGroup(patched);
  if ((patched as { id?: unknown }).id !== current.id) throw new ScimError(400, "id cannot be changed.", "mutability");
  return apply(c, before, { ...next, members: next.members ?? [] }, "patch");
}

/**
 * DELETE /Groups/<id>: the department loses its members (their department becomes empty) and its
 * link to the directory. The department itself stays: registers, managers and the history name it.
 */
export async function deleteGroup(c: ScimContext, id: string): Promise<void> {
  const before = await load(c, id);
  const now = c.now ?? new Date();
  await c.d.write(async () => {
    const members = (await listGroupMembers(c.d, c.companyId, before.name)).map((m) => m.id);
    const removed = await clearPeopleDepartment(c.d, c.companyId, members, before.name, now);
    await setDepartmentExternalId(c.d, before.id, null);
    await appendAuditEvent(c.d, { type: "scim.group-delete", subject: `department:${before.id}`, data: { companyId: c.companyId, displayName: before.name, removed }, at: now });
  });
}

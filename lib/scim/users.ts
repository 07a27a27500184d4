import "server-only";
import { scimPatch, type ScimPatchOperation } from "scim-patch";
import { z } from "zod";
import type { Engine } from "@/db/engine/types";
import { findDepartmentByName } from "@/db/queries/departments";
import {
  addLearnerRole,
  findUserIdByEmail,
  getScimUser,
  listScimUsers,
  markScimDeleted,
  updateScimUserFields,
  type ScimUserRow,
  type UserCondition,
} from "@/db/queries/scim";
import { ensureDepartment } from "@/db/queries/departments";
import { setUserActive } from "@/db/queries/users";
import { appendAuditEvent } from "@/lib/audit/trail";
import { writePlannedRows } from "@/lib/people/import-plan";
import { notFound, ScimError } from "./errors";
import { parsePatchOperations, patchError } from "./patch";
import { toScimUser, parseUserResource, type UserFields } from "./user-resource";
import { LIST_SCHEMA } from "./schemas";

/**
 * Provisioning of people by a company's directory (SCIM Users, RFC 7644 §3). Every function
 * takes the company of the request's token and sees only that company's people: another
 * company's id is "not found", exactly like an unknown one. Every change is one transaction
 * with its audit event (actor null: the directory; `data.companyId`: the token's company).
 */

export type ScimContext = { d: Engine; companyId: number; base: string; now?: Date };

async function resource(c: ScimContext, u: ScimUserRow) {
  const group = u.department === null ? undefined : await findDepartmentByName(c.d, c.companyId, u.department);
  return toScimUser(u, c.base, group);
}

async function load(c: ScimContext, id: string): Promise<ScimUserRow> {
  const n = /^\d{1,15}$/.test(id) ? Number(id) : NaN;
  const u = Number.isSafeInteger(n) ? await getScimUser(c.d, c.companyId, n) : undefined;
  if (!u) throw notFound("User");
  return u;
}

export async function getUser(c: ScimContext, id: string) {
  return resource(c, await load(c, id));
}

export async function listUsers(c: ScimContext, cond: UserCondition, startIndex: number, count: number) {
  const { rows, total } = await listScimUsers(c.d, c.companyId, cond, startIndex - 1, count);
  const resources = [];
  for (const u of rows) resources.push(await resource(c, u));
  return { schemas: [LIST_SCHEMA], totalResults: total, startIndex, itemsPerPage: rows.length, Resources: resources };
}

const audited = (f: UserFields) => ({ email: f.email, firstName: f.firstName, lastName: f.lastName, externalId: f.externalId, active: f.active, department: f.department, fiscalCode: f.fiscalCode ? "set" : undefined });

/**
 * The e-mail is free for this person: nobody has it, or it is theirs. Someone of another company
 * (or a provider admin) holding it is a 409 `uniqueness` that names nobody.
 */
async function checkEmailFree(c: ScimContext, email: string, selfId: number | null): Promise<void> {
  const holder = await findUserIdByEmail(c.d, email);
  if (holder && holder.id !== selfId) throw new ScimError(409, "userName: this e-mail address is already in use.", "uniqueness");
}

async function writeDepartment(c: ScimContext, department: string | null | undefined): Promise<void> {
  if (department) await ensureDepartment(c.d, c.companyId, department);
}

/**
 * POST /Users: a new learner of the token's company, through the employee import's own write
 * path (department created when new, learner role, no password) — so the company's enrolment
 * rules reach them exactly as they reach an imported person. A person the directory deleted
 * before (same company, same e-mail) comes back: the same record, reactivated, their training
 * history intact. @returns the created resource and whether it was new (201 either way)
 */
export async function createUser(c: ScimContext, body: unknown) {
  const parsed = parseUserResource(body);
  const f = { ...parsed, active: parsed.active ?? true };
  const now = c.now ?? new Date();
  return c.d.write(async () => {
    const holder = await findUserIdByEmail(c.d, f.email);
    let id: number;
    if (holder && holder.companyId === c.companyId && holder.scimDeletedAt !== null) {
      id = holder.id;
      await updateScimUserFields(c.d, id, { ...f, department: f.department ?? null }, now);
      await writeDepartment(c, f.department);
      await addLearnerRole(c.d, id);
      await setUserActive(c.d, id, f.active, now);
    } else {
      if (holder) throw new ScimError(409, "userName: this e-mail address is already in use.", "uniqueness");
      const [created] = await writePlannedRows(
        c.d,
        {
          rows: [
            {
              line: 0,
              values: { email: f.email, firstName: f.firstName, lastName: f.lastName, fiscalCode: f.fiscalCode ?? "", department: f.department ?? null, qualification: null, contractType: null, company: null },
              problems: [],
              action: "create",
              changes: [],
              companyId: c.companyId,
              companyName: null,
            },
          ],
          counts: { create: 1, update: 0, unchanged: 0, error: 0 },
        },
        now,
      );
      id = created!;
      await updateScimUserFields(c.d, id, { ...f, department: f.department ?? null, fiscalCode: f.fiscalCode ?? null }, now);
      await c.d.run("UPDATE users SET fiscal_code = nullif(fiscal_code, '') WHERE id = ?", [id]);
      if (!f.active) await setUserActive(c.d, id, false, now);
    }
    await appendAuditEvent(c.d, { type: "scim.user-create", subject: `user:${id}`, data: { companyId: c.companyId, revived: holder !== undefined, ...audited(f) }, at: now });
    return resource(c, (await getScimUser(c.d, c.companyId, id))!);
  });
}

/** Writes a person's new fields; `active` through setUserActive, which also ends their sessions. Audited with what changed. */
async function apply(c: ScimContext, before: ScimUserRow, f: UserFields, how: "put" | "patch") {
  const now = c.now ?? new Date();
  return c.d.write(async () => {
    if (f.email !== before.email) await checkEmailFree(c, f.email, before.id);
    const department = f.department === undefined ? before.department : f.department;
    const fiscalCode = f.fiscalCode ?? before.fiscalCode;
    const changes: Record<string, unknown> = {};
    const compare = { email: [before.email, f.email], firstName: [before.firstName, f.firstName], lastName: [before.lastName, f.lastName], externalId: [before.externalId, f.externalId], department: [before.department, department], fiscalCode: [before.fiscalCode, fiscalCode] } as const;
    for (const [k, [a, b]] of Object.entries(compare)) if (a !== b) changes[k] = k === "fiscalCode" ? "changed" : b;
    if (Object.keys(changes).length) {
      await writeDepartment(c, department);
      await updateScimUserFields(c.d, before.id, { email: f.email, firstName: f.firstName, lastName: f.lastName, externalId: f.externalId, department, fiscalCode }, now);
    }
    if (f.active !== undefined && f.active !== (before.active === 1)) {
      await setUserActive(c.d, before.id, f.active, now);
      changes.active = f.active;
    }
    if (Object.keys(changes).length) await appendAuditEvent(c.d, { type: "scim.user-update", subject: `user:${before.id}`, data: { companyId: c.companyId, via: how, ...changes }, at: now });
    return resource(c, (await getScimUser(c.d, c.companyId, before.id))!);
  });
}

/** PUT /Users/<id>: replaces the person's provisioned attributes (department and codice fiscale stay when the resource omits their extension). */
export async function replaceUser(c: ScimContext, id: string, body: unknown) {
  const before = await load(c, id);
  const f = parseUserResource(body);
  return apply(c, before, f, "put");
}

/**
 * PATCH /Users/<id>: the operations (RFC 7644 §3.5.2) are applied by scim-patch to the person's
 * current resource — paths with filters (`emails[type eq "work"].value`), extension URNs, no path
 * with a value object, Entra's "False" — and the result is validated like a PUT. `id` and
 * `meta` cannot change (`mutability`).
 */
export async function patchUser(c: ScimContext, id: string, body: unknown) {
  const before = await load(c, id);
  const ops = parsePatchOperations(body);
  const current = await resource(c, before);
  let patched: Record<string, unknown>;
  try {
    patched = scimPatch(structuredClone(current) as never, ops as ScimPatchOperation[], { mutateDocument: false }) as unknown as Record<string, unknown>;
  } catch (e) {
    throw patchError(e);
  }
  if (patched.id !== current.id) throw new ScimError(400, "id cannot be changed.", "mutability");
  return apply(c, before, parseUserResource(patched), "patch");
}

/**
 * DELETE /Users/<id>: people are never deleted — their training is evidence. The person is
 * deactivated (open sessions end on their next request) and unlinked from the directory:
 * SCIM answers 404 for them from now on (RFC 7644 §3.6), while the app keeps them, deactivated,
 * with every record. The directory creating the same userName again brings the same person back.
 */
export async function deleteUser(c: ScimContext, id: string): Promise<void> {
  const before = await load(c, id);
  const now = c.now ?? new Date();
  await c.d.write(async () => {
    await setUserActive(c.d, before.id, false, now);
    await markScimDeleted(c.d, before.id, now);
    await appendAuditEvent(c.d, { type: "scim.user-delete", subject: `user:${before.id}`, data: { companyId: c.companyId, email: before.email, wasActive: before.active === 1 }, at: now });
  });
}

export const PageQuery = z.object({
  startIndex: z.coerce.number().int().catch(1).transform((n) => Math.max(1, n)),
  count: z.coerce.number().int().optional(),
});

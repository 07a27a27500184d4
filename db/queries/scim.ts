import "server-only";
import type { Engine } from "../engine/types";

/**
 * Data access for SCIM provisioning (lib/scim/). Every read and write takes the company that
 * the request's token belongs to: a person or department of another company is never found.
 * People the directory deleted (`scim_deleted_at`) are invisible to SCIM but stay in the app.
 */

export type ScimUserRow = {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  fiscalCode: string | null;
  department: string | null;
  active: number;
  externalId: string | null;
  createdAt: number;
  updatedAt: number;
};

/** Provider admins belong to the training provider, not to a company's directory: SCIM never sees them. */
const NOT_PROVIDER = "NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'provider_admin')";

const USER_COLUMNS = `u.id, u.email, u.first_name AS "firstName", u.last_name AS "lastName", u.fiscal_code AS "fiscalCode", u.department,
  u.active, u.external_id AS "externalId", u.created_at AS "createdAt", u.updated_at AS "updatedAt"`;

const TOKEN_COMPANY_SQL = `SELECT t.company_id AS "companyId", t.token_hash AS "tokenHash" FROM scim_tokens t JOIN companies c ON c.id = t.company_id WHERE t.token_hash = ?`;
const USER_SQL = `SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ? AND u.company_id = ? AND u.scim_deleted_at IS NULL AND ${NOT_PROVIDER}`;

/** The company a token hash belongs to (with the stored hash, for a constant-time recheck), or undefined. */
export async function findScimToken(d: Engine, tokenHash: string): Promise<{ companyId: number; tokenHash: string } | undefined> {
  return d.get<{ companyId: number; tokenHash: string }>(TOKEN_COMPANY_SQL, [tokenHash]);
}

/** Creates or replaces the company's token hash (one per company). */
export async function upsertScimToken(d: Engine, companyId: number, tokenHash: string, createdBy: number | null, now: Date): Promise<{ replaced: boolean }> {
  const replaced = (await d.get("SELECT 1 FROM scim_tokens WHERE company_id = ?", [companyId])) !== undefined;
  await d.run(
    `INSERT INTO scim_tokens (company_id, token_hash, created_at, created_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (company_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at, created_by = excluded.created_by`,
    [companyId, tokenHash, Math.floor(now.getTime() / 1000), createdBy],
  );
  return { replaced };
}

/** When the company's current token was created, and by whom (null: the command line), or undefined. */
export async function getScimTokenInfo(d: Engine, companyId: number): Promise<{ createdAt: Date; createdBy: string | null } | undefined> {
  const row = await d.get<{ createdAt: number; createdBy: string | null }>(
    `SELECT t.created_at AS "createdAt", CASE WHEN u.id IS NULL THEN NULL ELSE u.first_name || ' ' || u.last_name END AS "createdBy"
       FROM scim_tokens t LEFT JOIN users u ON u.id = t.created_by WHERE t.company_id = ?`,
    [companyId],
  );
  return row && { createdAt: new Date(row.createdAt * 1000), createdBy: row.createdBy };
}

export async function getScimUser(d: Engine, companyId: number, id: number): Promise<ScimUserRow | undefined> {
  return d.get<ScimUserRow>(USER_SQL, [id, companyId]);
}

/** What a SCIM user list may be filtered on (lib/scim/filter.ts turns the filter into one of these). */
export type UserCondition = { attr: "userName" | "externalId" | "id"; value: string } | null;

/** An `id eq "…"` value as the integer it names; anything else matches nobody. */
const idValue = (v: string): number => (/^\d{1,15}$/.test(v) ? Number(v) : -1);

/** A page of the company's provisioned-visible people, oldest first, and how many match in all. */
export async function listScimUsers(d: Engine, companyId: number, cond: UserCondition, offset: number, limit: number): Promise<{ rows: ScimUserRow[]; total: number }> {
  const column = { userName: "u.email", externalId: "u.external_id", id: "u.id" } as const;
  const value = cond && (cond.attr === "userName" ? cond.value.trim().toLowerCase() : cond.attr === "id" ? idValue(cond.value) : cond.value);
  return page<ScimUserRow>(d, "users u", `u.company_id = ? AND u.scim_deleted_at IS NULL AND ${NOT_PROVIDER}`, companyId, cond && { column: column[cond.attr], value: value! }, USER_COLUMNS, "u.id", offset, limit);
}

/**
 * One page of `from` where `base` (with the company as its one parameter) and, optionally, one
 * column equals a value.
 */
async function page<R>(d: Engine, from: string, base: string, companyId: number, eq: { column: string; value: string | number } | null, columns: string, order: string, offset: number, limit: number): Promise<{ rows: R[]; total: number }> {
  const args: (string | number)[] = [companyId];
  let where = base;
  if (eq) {
    where += ` AND ${eq.column} = ?`;
    args.push(eq.value);
  }
  const total = (await d.get<{ n: number }>(`SELECT count(*) AS n FROM ${from} WHERE ${where}`, args))!.n;
  const rows = limit === 0 ? [] : await d.all<R>(`SELECT ${columns} FROM ${from} WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`, [...args, limit, offset]);
  return { rows, total };
}

/** Anyone (any company, deleted by SCIM or not) with this e-mail: e-mails are unique in the installation. */
export async function findUserIdByEmail(d: Engine, email: string): Promise<{ id: number; companyId: number | null; scimDeletedAt: number | null } | undefined> {
  return d.get<{ id: number; companyId: number | null; scimDeletedAt: number | null }>(`SELECT id, company_id AS "companyId", scim_deleted_at AS "scimDeletedAt" FROM users WHERE email = ?`, [email]);
}

export type ScimUserWrite = {
  email: string;
  firstName: string;
  lastName: string;
  department: string | null;
  externalId: string | null;
  active: boolean;
  fiscalCode?: string | null;
};

/** Inserts a person of the company with the learner role (no password: they are invited, or sign in with SSO). */
export async function insertScimUser(d: Engine, companyId: number, v: ScimUserWrite): Promise<number> {
  const row = await d.get<{ id: number }>(
    `INSERT INTO users (company_id, email, first_name, last_name, department, external_id, active, deactivated_at, fiscal_code, password_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, CASE WHEN ? = 1 THEN NULL ELSE unixepoch() END, ?, NULL) RETURNING id`,
    [companyId, v.email, v.firstName, v.lastName, v.department, v.externalId, v.active ? 1 : 0, v.active ? 1 : 0, v.fiscalCode ?? null],
  );
  const id = row!.id;
  await d.run("INSERT INTO user_roles (user_id, role) VALUES (?, 'learner')", [id]);
  return id;
}

/** Writes a person's provisioned fields (not `active`: see setUserActive) and brings them back into SCIM's view. */
export async function updateScimUserFields(d: Engine, id: number, v: Omit<ScimUserWrite, "active">, now: Date): Promise<void> {
  await d.run(
    `UPDATE users SET email = ?, first_name = ?, last_name = ?, department = ?, external_id = ?, fiscal_code = coalesce(?, fiscal_code),
            scim_deleted_at = NULL, updated_at = ? WHERE id = ?`,
    [v.email, v.firstName, v.lastName, v.department, v.externalId, v.fiscalCode ?? null, Math.floor(now.getTime() / 1000), id],
  );
}

export async function markScimDeleted(d: Engine, id: number, now: Date): Promise<void> {
  await d.run("UPDATE users SET scim_deleted_at = ?, updated_at = ? WHERE id = ?", [Math.floor(now.getTime() / 1000), Math.floor(now.getTime() / 1000), id]);
}

/** Does the person already hold the learner role? */
export async function isLearner(d: Engine, userId: number): Promise<boolean> {
  return (await d.get("SELECT 1 FROM user_roles WHERE user_id = ? AND role = 'learner'", [userId])) !== undefined;
}

export async function addLearnerRole(d: Engine, userId: number): Promise<void> {
  await d.run("INSERT INTO user_roles (user_id, role) VALUES (?, 'learner') ON CONFLICT DO NOTHING", [userId]);
}

// Groups: the company's departments. Members are the people whose `users.department` is the name.

export type ScimGroupRow = { id: number; name: string; externalId: string | null; createdAt: number };

const GROUP_COLUMNS = `id, name, external_id AS "externalId", created_at AS "createdAt"`;

export async function getScimGroup(d: Engine, companyId: number, id: number): Promise<ScimGroupRow | undefined> {
  return d.get<ScimGroupRow>(`SELECT ${GROUP_COLUMNS} FROM departments WHERE id = ? AND company_id = ?`, [id, companyId]);
}

export type GroupCondition = { attr: "displayName" | "externalId" | "id"; value: string } | null;

export async function listScimGroups(d: Engine, companyId: number, cond: GroupCondition, offset: number, limit: number): Promise<{ rows: ScimGroupRow[]; total: number }> {
  const column = { displayName: "name", externalId: "external_id", id: "id" } as const;
  return page<ScimGroupRow>(d, "departments", "company_id = ?", companyId, cond && { column: column[cond.attr], value: cond.attr === "id" ? idValue(cond.value) : cond.value }, GROUP_COLUMNS, "id", offset, limit);
}

/** The people of the company (visible to SCIM) in a department, by id. */
export async function listGroupMembers(d: Engine, companyId: number, name: string): Promise<{ id: number; email: string }[]> {
  return d.all<{ id: number; email: string }>(`SELECT u.id, u.email FROM users u WHERE u.company_id = ? AND u.department = ? AND u.scim_deleted_at IS NULL AND ${NOT_PROVIDER} ORDER BY u.id`, [companyId, name]);
}

export async function setDepartmentExternalId(d: Engine, id: number, externalId: string | null): Promise<void> {
  await d.run("UPDATE departments SET external_id = ? WHERE id = ?", [externalId, id]);
}

/**
 * Renames a department and everything that names it: its people (`users.department`) and the
 * company's enrolment rules on it, so nobody gains or loses a course by a rename.
 */
export async function renameDepartment(d: Engine, companyId: number, id: number, from: string, to: string, now: Date): Promise<void> {
  await d.run("UPDATE departments SET name = ? WHERE id = ?", [to, id]);
  await d.run("UPDATE users SET department = ?, updated_at = ? WHERE company_id = ? AND department = ?", [to, Math.floor(now.getTime() / 1000), companyId, from]);
  await d.run("UPDATE enrolment_rules SET department = ? WHERE company_id = ? AND department = ?", [to, companyId, from]);
}

/** Sets (or clears, with null) the department of some people of the company; @returns the ids really changed. */
export async function setPeopleDepartment(d: Engine, companyId: number, userIds: readonly number[], department: string | null, now: Date): Promise<number[]> {
  const changed: number[] = [];
  const sql = `UPDATE users AS u SET department = ?, updated_at = ? WHERE u.id = ? AND u.company_id = ? AND u.scim_deleted_at IS NULL AND u.department IS DISTINCT FROM ? AND ${NOT_PROVIDER}`;
  for (const id of userIds) if ((await d.run(sql, [department, Math.floor(now.getTime() / 1000), id, companyId, department])).changes === 1) changed.push(id);
  return changed;
}

/** Clears the department of those of its people in `userIds` (a member removed from the group). @returns the ids changed. */
export async function clearPeopleDepartment(d: Engine, companyId: number, userIds: readonly number[], name: string, now: Date): Promise<number[]> {
  const changed: number[] = [];
  const sql = "UPDATE users SET department = NULL, updated_at = ? WHERE id = ? AND company_id = ? AND department = ?";
  for (const id of userIds) if ((await d.run(sql, [Math.floor(now.getTime() / 1000), id, companyId, name])).changes === 1) changed.push(id);
  return changed;
}

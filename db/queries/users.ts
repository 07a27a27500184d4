import "server-only";
import { and, asc, count, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { changes, orm } from "../engine/orm";
import { likeIgnoringCase } from "../engine/dialect-sql";
import type { Engine } from "../engine/types";
import { users, userRoles, authSessions, type Role, type User } from "../schema";
import { isUserInScope, type DataScope } from "./scope";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(d: Engine, email: string): Promise<User | undefined> {
  return orm(d).select().from(users).where(eq(users.email, normaliseEmail(email))).get();
}

export async function getUserById(d: Engine, id: number): Promise<User | undefined> {
  return orm(d).select().from(users).where(eq(users.id, id)).get();
}

/** A person, only when inside the scope: outside it is answered exactly like an unknown id. */
export async function getPersonInScope(d: Engine, scope: DataScope, id: number): Promise<User | undefined> {
  const person = await getUserById(d, id);
  if (!person || person.companyId !== scope.companyId) return undefined;
  if (scope.departments !== null && (person.department === null || !scope.departments.includes(person.department))) return undefined;
  if (scope.planId != null && !await isUserInScope(d, scope, id)) return undefined;
  return person;
}

/** The drizzle condition for "inside the scope". */
export function inScope(scope: DataScope): SQL {
  const company = eq(users.companyId, scope.companyId);
  const departments = scope.departments === null ? undefined : inArray(users.department, [...scope.departments]);
  const p = scope.planId;
  // The same people as `inScopeSql`'s plan condition (PLAN_PEOPLE_SQL in ./scope).
  const plan =
    p == null
      ? undefined
      : sql`${users.id} IN (SELECT user_id FROM effective_enrolments WHERE plan_id = ${p}
          UNION SELECT user_id FROM enrolment_cycles WHERE plan_id = ${p} UNION SELECT user_id FROM course_completions WHERE plan_id = ${p})`;
  return and(company, departments, plan)!;
}

export type RoleRow = { role: Role; companyId: number | null; departmentId: number | null; courseSlugs: string | null };

/** A person's roles with their scope columns. */
export async function listRoleRows(d: Engine, userId: number): Promise<RoleRow[]> {
  return orm(d)
    .select({ role: userRoles.role, companyId: userRoles.companyId, departmentId: userRoles.departmentId, courseSlugs: userRoles.courseSlugs })
    .from(userRoles)
    .where(eq(userRoles.userId, userId));
}

export async function listRoles(d: Engine, userId: number): Promise<Role[]> {
  const rows = await orm(d).select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
  return rows.map((r) => r.role);
}

export type NewPerson = {
  email: string;
  firstName: string;
  lastName: string;
  passwordHash: string | null;
  roles: readonly Role[];
  companyId?: number | null;
  /** For a department manager: the department they manage. */
  managedDepartmentId?: number | null;
  department?: string | null;
  qualification?: string | null;
  contractType?: string | null;
  fiscalCode?: string | null;
};

/**
 * Creates a user with roles in one transaction, or returns the existing one untouched
 * (so seeding and bootstrap can be re-run without duplicating anybody).
 */
export async function createUserIfMissing(d: Engine, p: NewPerson): Promise<{ user: User; created: boolean }> {
  return d.write(async () => {
    const email = normaliseEmail(p.email);
    const existing = await orm(d).select().from(users).where(eq(users.email, email)).get();
    if (existing) return { user: existing, created: false };
    const user = (await orm(d)
      .insert(users)
      .values({
        email,
        firstName: p.firstName,
        lastName: p.lastName,
        passwordHash: p.passwordHash,
        companyId: p.companyId ?? null,
        department: p.department ?? null,
        qualification: p.qualification ?? null,
        contractType: p.contractType ?? null,
        fiscalCode: p.fiscalCode ?? null,
      })
      .returning()
      .get()) as User;
    for (const role of p.roles) await orm(d).insert(userRoles).values(roleRow(user.id, role, p.companyId ?? null, p.managedDepartmentId ?? null, null)).run();
    return { user, created: true };
  });
}

/**
 * A `user_roles` row with its scope: a company admin's or department manager's company, a
 * department manager's department, a trainer's courses (null: all). Other roles carry none.
 */
export function roleRow(userId: number, role: Role, companyId: number | null, departmentId: number | null, courseSlugs: readonly string[] | null) {
  return {
    userId,
    role,
    companyId: role === "company_admin" || role === "department_manager" ? companyId : null,
    departmentId: role === "department_manager" ? departmentId : null,
    courseSlugs: role === "trainer" && courseSlugs ? JSON.stringify(courseSlugs) : null,
  };
}

export async function countUsers(d: Engine): Promise<number> {
  return (await orm(d).select({ n: count() }).from(users).get())?.n ?? 0;
}

export type PersonRow = Pick<User, "id" | "email" | "firstName" | "lastName" | "department" | "active"> & { roles: Role[] };

export const PEOPLE_PAGE_SIZE = 50;

/** People of the scope: text search on name/e-mail, sorted by surname, paginated on the server. */
export async function listPeople(d: Engine, scope: DataScope, opts: { q?: string; page?: number } = {}): Promise<{ rows: PersonRow[]; total: number }> {
  const page = Math.max(1, opts.page ?? 1);
  const q = opts.q?.trim();
  const like = sql.raw(likeIgnoringCase(d));
  const where = and(
    inScope(scope),
    q
      ? or(
          sql`${users.lastName} ${like} ${`%${q}%`}`,
          sql`${users.firstName} ${like} ${`%${q}%`}`,
          sql`${users.email} ${like} ${`%${q}%`}`,
        )
      : undefined,
  );
  const total = (await orm(d).select({ n: count() }).from(users).where(where).get())?.n ?? 0;
  const rows = await orm(d)
    .select({
      id: users.id,
      email: users.email,
      firstName: users.firstName,
      lastName: users.lastName,
      department: users.department,
      active: users.active,
      roles: sql<string | null>`(SELECT string_agg(${userRoles.role}, ',') FROM ${userRoles} WHERE ${userRoles.userId} = ${users.id})`,
    })
    .from(users)
    .where(where)
    .orderBy(asc(users.lastName), asc(users.firstName), asc(users.id))
    .limit(PEOPLE_PAGE_SIZE)
    .offset((page - 1) * PEOPLE_PAGE_SIZE);
  return {
    total,
    rows: rows.map((r) => ({ ...r, roles: (r.roles ? r.roles.split(",") : []) as Role[] })),
  };
}

/**
 * Activates or deactivates a user. Deactivation also ends every open session in the same
 * transaction, so the user's next request is already refused.
 */
export async function setUserActive(d: Engine, userId: number, active: boolean, now = new Date()): Promise<boolean> {
  return d.write(async () => {
    const res = await orm(d)
      .update(users)
      .set({ active, deactivatedAt: active ? null : now, updatedAt: now })
      .where(eq(users.id, userId))
      .run();
    if (changes(res) === 0) return false;
    if (!active) {
      await orm(d)
        .update(authSessions)
        .set({ endedAt: now, endReason: "deactivated" })
        .where(and(eq(authSessions.userId, userId), sql`${authSessions.endedAt} IS NULL`))
        .run();
    }
    return true;
  });
}

/** The extra time (percent of a test's limit) an admin granted this learner; 0 for none. */
export async function testTimeExtraPercent(d: Engine, userId: number): Promise<number> {
  const row = await d.get<{ p: number }>("SELECT test_time_extra_percent AS p FROM users WHERE id = ?", [userId]);
  return row?.p ?? 0;
}

export async function setTestTimeExtraPercent(d: Engine, userId: number, percent: number): Promise<boolean> {
  return (await d.run("UPDATE users SET test_time_extra_percent = ?, updated_at = unixepoch() WHERE id = ? AND test_time_extra_percent != ?", [percent, userId, percent])).changes === 1;
}

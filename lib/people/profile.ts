import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { Engine } from "@/db/engine/types";
import { userRoles, users, ROLES, type Role } from "@/db/schema";
import { ensureDepartment, findDepartmentByName } from "@/db/queries/departments";
import { getPersonInScope, listRoleRows, roleRow } from "@/db/queries/users";
import type { CompanyScope } from "@/lib/auth/scope";
import { SLUG_RE } from "@/lib/content/names";
import { appendAuditEvent } from "@/lib/audit/trail";
import { fiscalCodeSchema } from "@/lib/validation/fiscal-code";
import { orm } from "@/db/engine/orm";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "form.tooLong" })
    .transform((v) => (v === "" ? null : v));

/** What an admin may edit about a person. Messages are keys the UI translates. */
export const ProfileSchema = z
  .object({
    firstName: z.string().trim().min(1, { error: "form.required" }).max(100, { error: "form.tooLong" }),
    lastName: z.string().trim().min(1, { error: "form.required" }).max(100, { error: "form.tooLong" }),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.email({ error: "form.email" }).max(320, { error: "form.tooLong" })),
    fiscalCode: z
      .string()
      .trim()
      .transform((v) => (v === "" ? null : v))
      .pipe(fiscalCodeSchema.nullable()),
    department: optionalText(100),
    qualification: optionalText(100),
    contractType: optionalText(100),
    roles: z.array(z.enum(ROLES, { error: "form.role" })).min(1, { error: "form.roleRequired" }),
    /** The department a department manager manages (with the ones under it). */
    managedDepartment: optionalText(100).optional().default(null),
    /** The courses a trainer is limited to; none ticked: every course. */
    trainerCourses: z.array(z.string().regex(SLUG_RE, { error: "form.course" })).max(200).optional().default([]),
  })
  .superRefine((v, ctx) => {
    if (v.roles.includes("department_manager") && !v.managedDepartment) ctx.addIssue({ code: "custom", path: ["managedDepartment"], message: "form.managedDepartmentRequired" });
  });
export type ProfileInput = z.infer<typeof ProfileSchema>;

/** The person's own fields (the roles and their scope are written apart). */
function personFields(input: ProfileInput) {
  const { firstName, lastName, email, fiscalCode, department, qualification, contractType } = input;
  return { firstName, lastName, email, fiscalCode, department, qualification, contractType };
}

export type ProfileUpdate = { ok: true } | { ok: false; field: keyof ProfileInput | "_"; error: string };

/** Who edits a profile: their id and scope, and whether they may hand out the provider admin role. */
export type ProfileActor = { id: number; scope: CompanyScope; providerAdmin: boolean };

/** The roles an actor may give or take: everything but provider admin, which only provider admins hand out. */
export function grantableRoles(actor: Pick<ProfileActor, "providerAdmin">): readonly Role[] {
  return actor.providerAdmin ? ROLES : ROLES.filter((r) => r !== "provider_admin");
}

/** The new set of roles: what the form asked within what the actor may grant, the rest kept as it was. */
function nextRoles(actor: ProfileActor, current: readonly Role[], asked: readonly Role[]): Role[] {
  const grantable = grantableRoles(actor);
  return ROLES.filter((r) => (grantable.includes(r) ? asked.includes(r) : current.includes(r)));
}

async function writeRoles(d: Engine, userId: number, companyId: number, roles: readonly Role[], input: ProfileInput): Promise<void> {
  const departmentId = input.managedDepartment ? await ensureDepartmentId(d, companyId, input.managedDepartment) : null;
  await orm(d).delete(userRoles).where(eq(userRoles.userId, userId)).run();
  for (const role of roles) await orm(d).insert(userRoles).values(roleRow(userId, role, companyId, departmentId, input.trainerCourses.length ? input.trainerCourses : null)).run();
}

async function ensureDepartmentId(d: Engine, companyId: number, name: string): Promise<number> {
  await ensureDepartment(d, companyId, name);
  return (await findDepartmentByName(d, companyId, name))!.id;
}

/**
 * Saves a person's profile and roles in one transaction, with an audit event naming the
 * fields that changed. The person must be inside the actor's scope (else `form.notFound`, as for
 * an unknown id). An admin cannot take away the admin role they act with (the company or the
 * installation could be left without one).
 */
export async function updateProfile(d: Engine, actor: ProfileActor, userId: number, input: ProfileInput): Promise<ProfileUpdate> {
  return d.write(async (): Promise<ProfileUpdate> => {
    const before = await getPersonInScope(d, actor.scope, userId);
    if (!before) return { ok: false, field: "_", error: "form.notFound" };
    const current = (await orm(d).select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId)).all()).map((r) => r.role);
    const roles = nextRoles(actor, current, input.roles);
    if (actor.id === userId && current.includes(actor.scope.via) && !roles.includes(actor.scope.via)) return { ok: false, field: "roles", error: "form.keepOwnAdmin" };
    if (roles.length === 0) return { ok: false, field: "roles", error: "form.roleRequired" };
    const taken = await orm(d).select({ id: users.id }).from(users).where(and(eq(users.email, input.email), ne(users.id, userId))).get();
    if (taken) return { ok: false, field: "email", error: "form.emailTaken" };
    const fields = personFields(input);
    if (fields.department) await ensureDepartment(d, before.companyId!, fields.department);
    await orm(d).update(users).set({ ...fields, updatedAt: new Date() }).where(eq(users.id, userId)).run();
    const oldRoles = await listRoleRows(d, userId);
    await writeRoles(d, userId, before.companyId!, roles, input);
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => before[k] !== fields[k]);
    if (JSON.stringify(oldRoles) !== JSON.stringify(await listRoleRows(d, userId))) changed.push("roles" as never);
    await appendAuditEvent(d, { type: "admin.user-update", actorUserId: actor.id, subject: `user:${userId}`, data: { changed } });
    return { ok: true };
  });
}

/** Creates a person in the actor's company from the admin form (no password: they are invited by e-mail). */
export async function createPerson(d: Engine, actor: ProfileActor, input: ProfileInput): Promise<{ ok: true; id: number } | { ok: false; field: keyof ProfileInput; error: string }> {
  return d.write(async () => {
    const taken = await orm(d).select({ id: users.id }).from(users).where(eq(users.email, input.email)).get();
    if (taken) return { ok: false as const, field: "email" as const, error: "form.emailTaken" };
    const companyId = actor.scope.companyId;
    const roles = nextRoles(actor, [], input.roles);
    if (roles.length === 0) return { ok: false as const, field: "roles" as const, error: "form.roleRequired" };
    const fields = personFields(input);
    if (fields.department) await ensureDepartment(d, companyId, fields.department);
    const user = await orm(d).insert(users).values({ ...fields, companyId, passwordHash: null }).returning({ id: users.id }).get();
    await writeRoles(d, user.id, companyId, roles, input);
    await appendAuditEvent(d, { type: "admin.user-update", actorUserId: actor.id, subject: `user:${user.id}`, data: { created: true, roles, companyId } });
    return { ok: true as const, id: user.id };
  });
}

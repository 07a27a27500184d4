import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import type { AppDatabase } from "@/db/open";
import { writeTransaction } from "@/db/transaction";
import { companies, departments, userRoles, users, ROLES, type Role } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/trail";
import { fiscalCodeSchema } from "@/lib/validation/fiscal-code";
import { companyTaxCodeSchema } from "@/lib/validation/company-tax-code";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "form.tooLong" })
    .transform((v) => (v === "" ? null : v));

/** What an admin may edit about a person. Messages are keys the UI translates. */
export const ProfileSchema = z.object({
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
});
export type ProfileInput = z.infer<typeof ProfileSchema>;

export type ProfileUpdate = { ok: true } | { ok: false; field: keyof ProfileInput | "_"; error: string };

/**
 * Saves a person's profile and roles in one transaction, with an audit event naming the
 * fields that changed. An admin cannot take the admin role away from themselves (the
 * installation could be left without one).
 */
export function updateProfile(d: AppDatabase, actorId: number, userId: number, input: ProfileInput): ProfileUpdate {
  if (actorId === userId && !input.roles.includes("admin")) return { ok: false, field: "roles", error: "form.keepOwnAdmin" };
  return writeTransaction(d, (): ProfileUpdate => {
    const before = d.orm.select().from(users).where(eq(users.id, userId)).get();
    if (!before) return { ok: false, field: "_", error: "form.notFound" };
    const taken = d.orm.select({ id: users.id }).from(users).where(and(eq(users.email, input.email), ne(users.id, userId))).get();
    if (taken) return { ok: false, field: "email", error: "form.emailTaken" };
    const { roles, ...fields } = input;
    if (fields.department) d.orm.insert(departments).values({ name: fields.department }).onConflictDoNothing().run();
    d.orm.update(users).set({ ...fields, updatedAt: new Date() }).where(eq(users.id, userId)).run();
    const oldRoles = d.orm.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId)).all().map((r) => r.role);
    d.orm.delete(userRoles).where(eq(userRoles.userId, userId)).run();
    for (const role of new Set<Role>(roles)) d.orm.insert(userRoles).values({ userId, role }).run();
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => before[k] !== fields[k]);
    if (oldRoles.sort().join() !== [...new Set(roles)].sort().join()) changed.push("roles" as never);
    appendAuditEvent(d, { type: "admin.user-update", actorUserId: actorId, subject: `user:${userId}`, data: { changed } });
    return { ok: true };
  });
}

/** Creates a person from the admin form (no password: they are invited by e-mail). */
export function createPerson(d: AppDatabase, actorId: number, input: ProfileInput): { ok: true; id: number } | { ok: false; field: keyof ProfileInput; error: string } {
  return writeTransaction(d, () => {
    const taken = d.orm.select({ id: users.id }).from(users).where(eq(users.email, input.email)).get();
    if (taken) return { ok: false as const, field: "email" as const, error: "form.emailTaken" };
    const company = d.orm.select({ id: companies.id }).from(companies).orderBy(companies.id).get();
    const { roles, ...fields } = input;
    if (fields.department) d.orm.insert(departments).values({ name: fields.department }).onConflictDoNothing().run();
    const user = d.orm.insert(users).values({ ...fields, companyId: company?.id ?? null, passwordHash: null }).returning({ id: users.id }).get();
    for (const role of new Set<Role>(roles)) d.orm.insert(userRoles).values({ userId: user.id, role }).run();
    appendAuditEvent(d, { type: "admin.user-update", actorUserId: actorId, subject: `user:${user.id}`, data: { created: true, roles } });
    return { ok: true as const, id: user.id };
  });
}

/** The installation's company record (one per installation for now). */
export const CompanySchema = z.object({
  name: z.string().trim().min(1, { error: "form.required" }).max(200, { error: "form.tooLong" }),
  taxCode: z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : v))
    .pipe(companyTaxCodeSchema.nullable()),
  inpsNumber: z
    .string()
    .trim()
    .regex(/^(\d{10})?$/, { error: "form.inps" })
    .transform((v) => (v === "" ? null : v)),
  city: optionalText(100),
  signerName: optionalText(200),
  signerRole: optionalText(200),
});
export type CompanyInput = z.infer<typeof CompanySchema>;

export function saveCompany(d: AppDatabase, actorId: number, input: CompanyInput): void {
  writeTransaction(d, () => {
    const existing = d.orm.select({ id: companies.id }).from(companies).orderBy(companies.id).get();
    if (existing) d.orm.update(companies).set(input).where(eq(companies.id, existing.id)).run();
    else d.orm.insert(companies).values(input).run();
    appendAuditEvent(d, { type: "admin.user-update", actorUserId: actorId, subject: "company", data: { fields: Object.keys(input) } });
  });
}

export function getCompany(d: AppDatabase) {
  return d.orm.select().from(companies).orderBy(companies.id).get();
}

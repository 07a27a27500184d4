import "server-only";
import { and, eq } from "drizzle-orm";
import type { AppDatabase } from "../open";
import { companySso, ssoIdentities, users, userRoles, type CompanySso, type User } from "../schema";
import { companyForDomain } from "./companies";

export function getCompanySso(d: AppDatabase, companyId: number): CompanySso | undefined {
  return d.orm.select().from(companySso).where(eq(companySso.companyId, companyId)).get();
}

/** Every company whose single sign-on is switched on (the Auth.js providers of a request). */
export function listEnabledSso(d: AppDatabase): CompanySso[] {
  return d.orm.select().from(companySso).where(eq(companySso.enabled, true)).all();
}

/** The enabled SSO settings of the company owning an e-mail's domain, if any. */
export function ssoForEmail(d: AppDatabase, email: string): CompanySso | undefined {
  const domain = email.trim().toLowerCase().split("@")[1];
  if (!domain) return undefined;
  const companyId = companyForDomain(d, domain);
  if (companyId === undefined) return undefined;
  const row = getCompanySso(d, companyId);
  return row?.enabled ? row : undefined;
}

export type SsoSettingsRow = Omit<CompanySso, "updatedAt" | "updatedBy" | "companyId">;

/** Inserts or replaces a company's settings (in the caller's transaction). */
export function upsertCompanySso(d: AppDatabase, companyId: number, row: SsoSettingsRow, actorId: number, now: Date): void {
  const values = { ...row, companyId, updatedAt: now, updatedBy: actorId };
  d.orm.insert(companySso).values(values).onConflictDoUpdate({ target: companySso.companyId, set: values }).run();
}

export function findIdentity(d: AppDatabase, issuer: string, subject: string) {
  return d.orm.select().from(ssoIdentities).where(and(eq(ssoIdentities.issuer, issuer), eq(ssoIdentities.subject, subject))).get();
}

export function findIdentityOfUser(d: AppDatabase, userId: number, issuer: string) {
  return d.orm.select().from(ssoIdentities).where(and(eq(ssoIdentities.userId, userId), eq(ssoIdentities.issuer, issuer))).get();
}

export function insertIdentity(d: AppDatabase, i: { userId: number; companyId: number; issuer: string; subject: string; now: Date }): void {
  d.orm.insert(ssoIdentities).values({ userId: i.userId, companyId: i.companyId, issuer: i.issuer, subject: i.subject, createdAt: i.now, lastSignInAt: i.now }).run();
}

export function touchIdentity(d: AppDatabase, id: number, now: Date): void {
  d.orm.update(ssoIdentities).set({ lastSignInAt: now }).where(eq(ssoIdentities.id, id)).run();
}

/**
 * A learner of the company created at their first SSO sign-in: the same row an employee import
 * writes (no password, the learner role), so the company's enrolment rules reach them through
 * `effective_enrolments` exactly as they reach an imported person.
 */
export function insertJitLearner(d: AppDatabase, p: { companyId: number; email: string; firstName: string; lastName: string; locale: "it" | "en" }): User {
  const user = d.orm
    .insert(users)
    .values({ companyId: p.companyId, email: p.email, firstName: p.firstName, lastName: p.lastName, locale: p.locale, passwordHash: null })
    .returning()
    .get();
  d.orm.insert(userRoles).values({ userId: user.id, role: "learner" }).run();
  return user;
}

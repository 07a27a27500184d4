import "server-only";
import { and, eq } from "drizzle-orm";
import { conflictTarget, orm } from "../engine/orm";
import type { Engine } from "../engine/types";
import { companySso, ssoIdentities, users, userRoles, type CompanySso, type User } from "../schema";
import { companyForDomain } from "./companies";

type SsoIdentity = typeof ssoIdentities.$inferSelect;

export async function getCompanySso(d: Engine, companyId: number): Promise<CompanySso | undefined> {
  return orm(d).select().from(companySso).where(eq(companySso.companyId, companyId)).get();
}

/** Every company whose single sign-on is switched on (the Auth.js providers of a request). */
export async function listEnabledSso(d: Engine): Promise<CompanySso[]> {
  return orm(d).select().from(companySso).where(eq(companySso.enabled, true));
}

/** The enabled SSO settings of the company owning an e-mail's domain, if any. */
export async function ssoForEmail(d: Engine, email: string): Promise<CompanySso | undefined> {
  const domain = email.trim().toLowerCase().split("@")[1];
  if (!domain) return undefined;
  const companyId = await companyForDomain(d, domain);
  if (companyId === undefined) return undefined;
  const row = await getCompanySso(d, companyId);
  return row?.enabled ? row : undefined;
}

export type SsoSettingsRow = Omit<CompanySso, "updatedAt" | "updatedBy" | "companyId">;

/** Inserts or replaces a company's settings (in the caller's transaction). */
export async function upsertCompanySso(d: Engine, companyId: number, row: SsoSettingsRow, actorId: number, now: Date): Promise<void> {
  const values = { ...row, companyId, updatedAt: now, updatedBy: actorId };
  await orm(d).insert(companySso).values(values).onConflictDoUpdate({ target: conflictTarget(companySso.companyId), set: values }).run();
}

export async function findIdentity(d: Engine, issuer: string, subject: string): Promise<SsoIdentity | undefined> {
  return orm(d).select().from(ssoIdentities).where(and(eq(ssoIdentities.issuer, issuer), eq(ssoIdentities.subject, subject))).get();
}

export async function findIdentityOfUser(d: Engine, userId: number, issuer: string): Promise<SsoIdentity | undefined> {
  return orm(d).select().from(ssoIdentities).where(and(eq(ssoIdentities.userId, userId), eq(ssoIdentities.issuer, issuer))).get();
}

export async function insertIdentity(d: Engine, i: { userId: number; companyId: number; issuer: string; subject: string; now: Date }): Promise<void> {
  await orm(d).insert(ssoIdentities).values({ userId: i.userId, companyId: i.companyId, issuer: i.issuer, subject: i.subject, createdAt: i.now, lastSignInAt: i.now }).run();
}

export async function touchIdentity(d: Engine, id: number, now: Date): Promise<void> {
  await orm(d).update(ssoIdentities).set({ lastSignInAt: now }).where(eq(ssoIdentities.id, id)).run();
}

/**
 * A learner of the company created at their first SSO sign-in: the same row an employee import
 * writes (no password, the learner role), so the company's enrolment rules reach them through
 * `effective_enrolments` exactly as they reach an imported person.
 */
export async function insertJitLearner(d: Engine, p: { companyId: number; email: string; firstName: string; lastName: string; locale: "it" | "en" }): Promise<User> {
  const user = (await orm(d)
    .insert(users)
    .values({ companyId: p.companyId, email: p.email, firstName: p.firstName, lastName: p.lastName, locale: p.locale, passwordHash: null })
    .returning()
    .get()) as User;
  await orm(d).insert(userRoles).values({ userId: user.id, role: "learner" }).run();
  return user;
}

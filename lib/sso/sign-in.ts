import "server-only";
import type { Engine } from "@/db/engine/types";
import { findUserByEmail, listRoles, normaliseEmail, getUserById } from "@/db/queries/users";
import { listCompanyDomains } from "@/db/queries/companies";
import { findIdentity, findIdentityOfUser, getCompanySso, insertIdentity, insertJitLearner, touchIdentity } from "@/db/queries/sso";
import type { User } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/trail";
import { openAccessSession } from "@/lib/auth/access-log";
import { ssoProviderId } from "./settings";

/** Why an SSO sign-in was refused: each has its own sentence on the sign-in page (`sso.refused.<reason>`). */
export const SSO_REFUSALS = ["token", "domain", "unverified", "not_provisioned", "deactivated", "conflict", "unavailable", "cancelled"] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

/** The id_token claims the sign-in uses, already verified (signature, issuer, audience, expiry, nonce). */
export type VerifiedClaims = {
  iss: string;
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  hd?: unknown;
  /** Entra ID: "e-mail domain owner verified", its optional claim in place of `email_verified`. */
  xms_edov?: unknown;
  given_name?: unknown;
  family_name?: unknown;
  name?: unknown;
  locale?: unknown;
};

export type SsoSignInResult = { ok: true; userId: number; sessionId: string; email: string; name: string } | { ok: false; reason: SsoRefusal };

type Request = { ip: string | null; userAgent: string | null; now?: Date };

/** Records a refused SSO sign-in in the audit trail (no personal data beyond the provider's subject). */
export async function auditSsoRefusal(d: Engine, companyId: number | null, reason: SsoRefusal, detail: Record<string, unknown> & { ip: string | null }, now = new Date()): Promise<void> {
  await appendAuditEvent(d, { type: "auth.sso-refused", subject: companyId === null ? null : `company:${companyId}`, data: { reason, ...detail }, at: now });
}

const text = (v: unknown, max: number) => (typeof v === "string" ? v.trim().slice(0, max) : "");
const domainOf = (email: string) => email.split("@")[1] ?? "";

/** A person's names from the token: given/family names, else the full name split at its last space, else the e-mail's local part. */
function names(c: VerifiedClaims, email: string): { firstName: string; lastName: string } {
  const first = text(c.given_name, 100);
  const last = text(c.family_name, 100);
  if (first && last) return { firstName: first, lastName: last };
  const full = text(c.name, 200);
  const cut = full.lastIndexOf(" ");
  if (cut > 0) return { firstName: full.slice(0, cut), lastName: full.slice(cut + 1) };
  return { firstName: full || email.split("@")[0]!, lastName: last || "-" };
}

/**
 * Signs a person in through their company's provider, once the id_token is verified.
 *
 * 1. The subject (`iss` + `sub`) already linked: that person, whatever e-mail the token now
 *    carries — an address changed at the provider neither breaks the link nor moves it.
 * 2. Otherwise the token's e-mail must be verified (`email_verified`) and in one of the company's
 *    domains (Google Workspace: `hd` must be the configured domain too). A person of the company
 *    with that address and no link yet for this issuer is linked; one already linked to another
 *    subject is refused (a second directory account cannot take theirs over).
 * 3. Nobody with that address: created as a learner of the company when it allows it (the
 *    company's enrolment rules reach them like an imported person), else refused.
 *
 * A deactivated person is refused. Success opens the same access-log session as a password
 * sign-in (`auth_sessions`, `auth.sign-in`), so training evidence does not depend on the route in.
 * Every refusal is audited (`auth.sso-refused`).
 */
export async function completeSsoSignIn(d: Engine, companyId: number, claims: VerifiedClaims, req: Request): Promise<SsoSignInResult> {
  const now = req.now ?? new Date();
  const via = ssoProviderId(companyId);
  const refuse = async (reason: SsoRefusal, detail: Record<string, unknown> = {}): Promise<SsoSignInResult> => {
    await auditSsoRefusal(d, companyId, reason, { provider: via, iss: claims.iss, sub: claims.sub, ip: req.ip, ...detail }, now);
    return { ok: false, reason };
  };
  return d.write(async (): Promise<SsoSignInResult> => {
    const settings = await getCompanySso(d, companyId);
    if (!settings?.enabled) return refuse("unavailable");
    if (settings.kind === "google" && claims.hd !== settings.hostedDomain) return refuse("domain", { hd: typeof claims.hd === "string" ? claims.hd : null });

    let user: User | undefined;
    let event: "auth.sso-link" | "auth.sso-jit" | null = null;
    const linked = await findIdentity(d, claims.iss, claims.sub);
    if (linked) {
      user = await getUserById(d, linked.userId);
      if (!user || user.companyId !== companyId) return refuse("conflict");
      await touchIdentity(d, linked.id, now);
    } else {
      const email = normaliseEmail(text(claims.email, 320));
      if (!email.includes("@")) return refuse("domain", { domain: null });
      if (!(await listCompanyDomains(d, companyId)).includes(domainOf(email))) return refuse("domain", { domain: domainOf(email) });
      // Entra ID sends no `email_verified`; its optional claim `xms_edov` says the tenant owns the address's domain.
      const verified = claims.email_verified === true || (settings.kind === "entra" && claims.xms_edov === true);
      if (!verified) return refuse("unverified", { domain: domainOf(email) });
      user = await findUserByEmail(d, email);
      if (user) {
        if (user.companyId !== companyId || await findIdentityOfUser(d, user.id, claims.iss)) return refuse("conflict", { userId: user.id });
        if (!user.active) return refuse("deactivated", { userId: user.id });
        event = "auth.sso-link";
      } else {
        if (!settings.jitCreate) return refuse("not_provisioned", { domain: domainOf(email) });
        user = await insertJitLearner(d, { companyId, email, ...names(claims, email), locale: claims.locale === "en" || text(claims.locale, 10).startsWith("en-") ? "en" : "it" });
        event = "auth.sso-jit";
      }
      await insertIdentity(d, { userId: user.id, companyId, issuer: claims.iss, subject: claims.sub, now });
    }
    if (!user.active) return refuse("deactivated", { userId: user.id });
    if (event) await appendAuditEvent(d, { type: event, actorUserId: user.id, subject: `user:${user.id}`, data: { provider: via, iss: claims.iss, sub: claims.sub }, at: now });
    const sessionId = await openAccessSession(d, { userId: user.id, ip: req.ip, userAgent: req.userAgent, now, via });
    return { ok: true, userId: user.id, sessionId, email: user.email, name: `${user.firstName} ${user.lastName}` };
  });
}

/** Roles that keep their password whatever the company decided: the break-glass way in when the provider is down. */
const PASSWORD_ROLES = new Set(["provider_admin", "company_admin"]);

/** Is this person refused a password sign-in, because their company turned passwords off for its learners? */
export async function passwordRefusedBySso(d: Engine, user: Pick<User, "id" | "companyId">): Promise<boolean> {
  if (user.companyId === null) return false;
  const settings = await getCompanySso(d, user.companyId);
  if (!settings?.enabled || !settings.passwordsOffForLearners) return false;
  return !(await listRoles(d, user.id)).some((r) => PASSWORD_ROLES.has(r));
}

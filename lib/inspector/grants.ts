import "server-only";
import { z } from "zod";
import type { Engine } from "@/db/engine/types";
import { getPlan, getPlanById, type PlanScope } from "@/db/queries/plans";
import { expireOpenAccountTokens, getAccountRecipient, insertAccountToken } from "@/db/queries/tokens";
import { findInspectorAccount, listInspectorGrants, upsertInspectorGrant, endInspectorGrant, type InspectorGrantRow } from "@/db/queries/inspectors";
import { createUserIfMissing, normaliseEmail } from "@/db/queries/users";
import { appendAuditEvent } from "@/lib/audit/trail";
import { accountLink, hashToken, newToken, type TokenPurpose } from "@/lib/account/tokens";

/** How long an inspector's access may last: long enough for a spot check or a final audit, never open-ended. */
export const MAX_INSPECTOR_DAYS = 90;
/** The sign-in link is short-lived: the auditor sets a password with it, then signs in normally. */
export const INSPECTOR_LINK_TTL_MS = 48 * 60 * 60 * 1000;

/** What both the command and the admin form accept. */
export const InspectorGrantInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ error: "must be a valid e-mail address" })),
  days: z.coerce
    .number({ error: "must be a whole number of days" })
    .int({ error: "must be a whole number of days" })
    .min(1, { error: "must be at least 1" })
    .max(MAX_INSPECTOR_DAYS, { error: `may be at most ${MAX_INSPECTOR_DAYS}` }),
});

export type InspectorGrantResult =
  | { ok: true; userId: number; created: boolean; link: string; linkExpiresAt: Date; expiresAt: Date; planId: number; companyId: number }
  | { ok: false; error: "plan_not_found" | "other_roles" | "inactive" };

/**
 * Creates (or re-grants) the read-only account of a fund's auditor for one plan, in one
 * transaction: the person (of the plan's company) if new, the `inspector` grant with its plan
 * and expiry (a re-grant moves both), a one-time link — only its SHA-256 stored, valid
 * {@link INSPECTOR_LINK_TTL_MS} and never past the grant — and an audit event. Earlier open
 * links of the person stop working.
 *
 * The link sets a password (an invitation, or a reset when the auditor already has one) rather
 * than signing in directly: an audit takes days, so the auditor comes back through the normal
 * sign-in (throttled, in the access log) and the link is spent at once instead of being a
 * bearer credential for a whole session.
 *
 * An e-mail that belongs to someone with other roles is refused: one account, one purpose —
 * an admin who were also an inspector would read more than the plan.
 */
export async function grantInspector(
  d: Engine,
  input: { planId: number; email: string; days: number; scope?: PlanScope; actorUserId: number | null; sessionId?: string | null; now?: Date },
): Promise<InspectorGrantResult> {
  const now = input.now ?? new Date();
  const email = normaliseEmail(input.email);
  return d.write(async (): Promise<InspectorGrantResult> => {
    const plan = input.scope ? await getPlan(d, input.scope, input.planId) : await getPlanById(d, input.planId);
    if (!plan) return { ok: false, error: "plan_not_found" };
    const existing = await findInspectorAccount(d, email);
    if (existing && existing.otherRoles > 0) return { ok: false, error: "other_roles" };
    if (existing && !existing.active) return { ok: false, error: "inactive" };
    const { user, created } = await createUserIfMissing(d, {
      email,
      firstName: "Ispettore",
      lastName: email.split("@")[0] ?? email,
      passwordHash: null,
      roles: [],
      companyId: plan.companyId,
    });
    const expiresAt = new Date(now.getTime() + input.days * 24 * 60 * 60 * 1000);
    await upsertInspectorGrant(d, { userId: user.id, companyId: plan.companyId, planId: plan.id, expiresAt, now });
    const recipient = (await getAccountRecipient(d, user.id))!;
    const purpose: TokenPurpose = recipient.hasPassword ? "reset" : "invite";
    const token = newToken();
    const linkExpiresAt = new Date(Math.min(now.getTime() + INSPECTOR_LINK_TTL_MS, expiresAt.getTime()));
    await expireOpenAccountTokens(d, user.id, now);
    await insertAccountToken(d, { userId: user.id, purpose, tokenHash: hashToken(token), expiresAt: linkExpiresAt, now });
    await appendAuditEvent(d, {
      type: "inspector.grant",
      actorUserId: input.actorUserId,
      sessionId: input.sessionId ?? null,
      subject: `user:${user.id}`,
      data: { planId: plan.id, companyId: plan.companyId, created, expiresAt: sec(expiresAt), linkExpiresAt: sec(linkExpiresAt) },
      at: now,
    });
    return { ok: true, userId: user.id, created, link: accountLink(purpose, token), linkExpiresAt, expiresAt, planId: plan.id, companyId: plan.companyId };
  });
}

/**
 * Ends an inspector's access to a plan of the scope now: the grant expires (so the open session
 * ends at the next request and sign-in is refused), open links stop working, and the trail says
 * who did it. False when there is no such grant in the scope (answered like an unknown one).
 */
export async function revokeInspector(d: Engine, input: { scope: PlanScope; planId: number; userId: number; actorUserId: number; sessionId?: string | null; now?: Date }): Promise<boolean> {
  const now = input.now ?? new Date();
  return d.write(async () => {
    if (!await getPlan(d, input.scope, input.planId)) return false;
    if (!(await endInspectorGrant(d, input.userId, input.planId, now))) return false;
    await expireOpenAccountTokens(d, input.userId, now);
    await appendAuditEvent(d, {
      type: "inspector.revoke",
      actorUserId: input.actorUserId,
      sessionId: input.sessionId ?? null,
      subject: `user:${input.userId}`,
      data: { planId: input.planId },
      at: now,
    });
    return true;
  });
}

/** The inspector accounts of a plan of the scope, the ones still in force first. */
export async function planInspectors(d: Engine, scope: PlanScope, planId: number, now = new Date()): Promise<InspectorGrantRow[]> {
  return (await getPlan(d, scope, planId)) ? await listInspectorGrants(d, planId, now) : [];
}

const sec = (d: Date) => Math.floor(d.getTime() / 1000);

import "server-only";
import type { Engine } from "@/db/engine/types";
import { countFailures, hasLiveGrant, pruneLoginAttempts, recordLoginAttempt } from "@/db/queries/auth";
import { hasMailSince } from "@/db/queries/mail";
import { getAccountRecipientByEmail } from "@/db/queries/tokens";
import { findUserByEmail, normaliseEmail } from "@/db/queries/users";
import { siteOrigin } from "@/lib/account/tokens";
import { deliverMail } from "@/lib/mail/deliver";
import { queueMail } from "@/lib/mail/outbox";
import { signInFailuresMail } from "@/lib/mail/templates";
import { openAccessSession } from "./access-log";
import { verifyPassword } from "./password";
import { ACCOUNT_ALERT_FAILURES, throttle, WINDOW_MS } from "./sign-in-throttle";
import { mailBrand } from "@/lib/mail/brand";
import { passwordRefusedBySso } from "@/lib/sso/sign-in";

export type AuthResult =
  | { ok: true; userId: number; sessionId: string; email: string; name: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "deactivated" }
  | { ok: false; reason: "sso_required" }
  | { ok: false; reason: "rate_limited"; retryAt: Date };

/** `login_attempts` holds at most this many rows, and nothing older than a day: it is throttling state, not evidence. */
export const MAX_LOGIN_ATTEMPT_ROWS = 50_000;
const PRUNE_EVERY = 500;
const KEEP_MS = 24 * 60 * 60 * 1000;
/** At most one "failed sign-ins" notice per account in this time. */
const NOTICE_EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * Records an attempt and keeps the table bounded: every {@link PRUNE_EVERY} rows, whatever is
 * older than a day or beyond the newest {@link MAX_LOGIN_ATTEMPT_ROWS} goes, so a flood of
 * random e-mails cannot grow it without end.
 */
export async function recordSignInAttempt(d: Engine, a: { email: string; ip: string; outcome: "success" | "failure" | "blocked"; now: Date }): Promise<void> {
  const id = await recordLoginAttempt(d, a);
  if (id % PRUNE_EVERY === 0) await pruneLoginAttempts(d, id - (MAX_LOGIN_ATTEMPT_ROWS - PRUNE_EVERY), new Date(a.now.getTime() - KEEP_MS));
}

/**
 * Checks credentials and opens an access-log session.
 *
 * - Unknown e-mail and wrong password give the same answer after the same work (one argon2
 *   verification), so the response says nothing about which accounts exist.
 * - Attempts are throttled per account and source (`throttle`, lib/auth/sign-in-throttle.ts):
 *   a source that keeps failing waits longer and longer, a flooding source is refused before
 *   any hashing, and a source without failures — the owner — always gets in with the right
 *   password, so a stranger can slow only themselves down.
 * - When an account reaches the alert threshold, its owner gets one mail saying so (at most
 *   one a day).
 * - "Deactivated" is only revealed to someone who knows the right password, and so is "sign in
 *   through your company" for a learner whose company turned passwords off (lib/sso).
 */
export async function authenticate(
  d: Engine,
  input: { email: string; password: string; ip: string; userAgent: string | null },
  now = new Date(),
): Promise<AuthResult> {
  const email = normaliseEmail(input.email);
  const failures = await countFailures(d, email, input.ip, new Date(now.getTime() - WINDOW_MS));
  const retryAt = throttle(failures, now);
  if (retryAt) {
    await recordSignInAttempt(d, { email, ip: input.ip, outcome: "blocked", now });
    return { ok: false, reason: "rate_limited", retryAt };
  }

  const user = await findUserByEmail(d, email);
  const valid = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !valid) {
    await recordSignInAttempt(d, { email, ip: input.ip, outcome: "failure", now });
    if (user && failures.account.count + 1 >= ACCOUNT_ALERT_FAILURES) await noticeOwner(d, email, failures.account.count + 1, now);
    return { ok: false, reason: "invalid" };
  }
  // An inspector past their grant's expiry is refused like a deactivated account.
  if (!user.active || !await hasLiveGrant(d, user.id, now)) {
    await recordSignInAttempt(d, { email, ip: input.ip, outcome: "failure", now });
    return { ok: false, reason: "deactivated" };
  }
  // Checked on the server, whatever the sign-in page shows: the company signs its learners in through its provider only.
  if (await passwordRefusedBySso(d, user)) return { ok: false, reason: "sso_required" };
  const sessionId = await d.write(async () => {
    await recordSignInAttempt(d, { email, ip: input.ip, outcome: "success", now });
    return openAccessSession(d, { userId: user.id, ip: input.ip, userAgent: input.userAgent, now });
  });
  return { ok: true, userId: user.id, sessionId, email: user.email, name: `${user.firstName} ${user.lastName}` };
}

/** Tells the owner of an active account about the failed attempts, once a day at most; delivered after this returns. */
async function noticeOwner(d: Engine, email: string, attempts: number, now: Date): Promise<void> {
  const outboxId = await d.write(async () => {
    const owner = await getAccountRecipientByEmail(d, email);
    if (!owner?.active || (await hasMailSince(d, owner.id, "sign-in-failures", new Date(now.getTime() - NOTICE_EVERY_MS)))) return null;
    const mail = signInFailuresMail({ ...owner, attempts, url: `${siteOrigin()}/forgot-password`, brand: await mailBrand(d, owner.companyId) });
    return queueMail(d, { to: owner.email, userId: owner.id, companyId: owner.companyId, kind: "sign-in-failures", mail, now });
  });
  if (outboxId !== null) void deliverMail(d, [outboxId]).catch((e) => console.error("Binomio: the failed sign-in notice could not be delivered:", e));
}

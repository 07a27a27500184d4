import "server-only";
import type { AppDatabase } from "@/db/open";
import { findUserByEmail, normaliseEmail } from "@/db/queries/users";
import { countRecentFailures, fifthLatestFailure, recordLoginAttempt } from "@/db/queries/auth";
import { verifyPassword } from "./password";
import { writeTransaction } from "@/db/open";
import { openAccessSession } from "./access-log";

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

export type AuthResult =
  | { ok: true; userId: number; sessionId: string; email: string; name: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "deactivated" }
  | { ok: false; reason: "rate_limited"; retryAt: Date };

/**
 * Checks credentials and opens an access-log session.
 *
 * - Unknown e-mail and wrong password give the same answer after the same work (one
 *   argon2 verification), so the response says nothing about which accounts exist.
 * - Five failures for an e-mail or an IP within 15 minutes block further attempts for that
 *   key until the oldest of them leaves the window. Blocked attempts are logged but do not
 *   extend the block.
 * - "Deactivated" is only revealed to someone who knows the right password.
 */
export async function authenticate(
  d: AppDatabase,
  input: { email: string; password: string; ip: string; userAgent: string | null },
  now = new Date(),
): Promise<AuthResult> {
  const email = normaliseEmail(input.email);
  const since = new Date(now.getTime() - WINDOW_MS);
  const failures = countRecentFailures(d, email, input.ip, since);
  if (failures.email >= MAX_FAILURES || failures.ip >= MAX_FAILURES) {
    const blockers = [
      failures.email >= MAX_FAILURES ? fifthLatestFailure(d, "email", email, since) : null,
      failures.ip >= MAX_FAILURES ? fifthLatestFailure(d, "ip", input.ip, since) : null,
    ].filter((x): x is Date => x !== null);
    const retryAt = new Date(Math.max(...blockers.map((b) => b.getTime() + WINDOW_MS), now.getTime()));
    recordLoginAttempt(d, { email, ip: input.ip, outcome: "blocked", now });
    return { ok: false, reason: "rate_limited", retryAt };
  }

  const user = findUserByEmail(d, email);
  const valid = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !valid) {
    recordLoginAttempt(d, { email, ip: input.ip, outcome: "failure", now });
    return { ok: false, reason: "invalid" };
  }
  if (!user.active) {
    recordLoginAttempt(d, { email, ip: input.ip, outcome: "failure", now });
    return { ok: false, reason: "deactivated" };
  }
  const sessionId = writeTransaction(d, () => {
    recordLoginAttempt(d, { email, ip: input.ip, outcome: "success", now });
    return openAccessSession(d, { userId: user.id, ip: input.ip, userAgent: input.userAgent, now });
  });
  return { ok: true, userId: user.id, sessionId, email: user.email, name: `${user.firstName} ${user.lastName}` };
}

import "server-only";
import type { Engine } from "@/db/engine/types";
import { consumeAccountToken, expireOpenAccountTokens, findAccountToken, getAccountRecipient, setPasswordAndEndSessions } from "@/db/queries/tokens";
import { hashPassword } from "@/lib/auth/password";
import { appendAccountEvent } from "./audit";
import { checkNewPassword, type PasswordProblem } from "./password-rules";
import { hashToken, isWellFormedToken, type TokenPurpose } from "./tokens";

export type LinkState =
  | { status: "valid"; user: { id: number; email: string; firstName: string; lastName: string } }
  | { status: "expired" | "used" | "invalid" };

/**
 * What a link page shows. A link of another purpose (an invitation opened as a reset link),
 * or of a deactivated user, is simply invalid.
 */
export async function linkState(d: Engine, token: string, purpose: TokenPurpose, now = new Date()): Promise<LinkState> {
  if (!isWellFormedToken(token)) return { status: "invalid" };
  const row = await findAccountToken(d, hashToken(token));
  if (!row || row.purpose !== purpose) return { status: "invalid" };
  if (row.usedAt !== null) return { status: "used" };
  if (row.expiresAt <= Math.floor(now.getTime() / 1000)) return { status: "expired" };
  const user = await getAccountRecipient(d, row.userId);
  if (!user?.active) return { status: "invalid" };
  return { status: "valid", user: { id: user.id, email: user.email, firstName: user.firstName, lastName: user.lastName } };
}

export type SetPasswordResult = { ok: true; userId: number; sessionsEnded: number } | { ok: false; error: "link" } | { ok: false; error: "password"; problems: PasswordProblem[] };

/**
 * Sets a password through a one-time link (invitation or reset). The password must satisfy
 * the shared policy (checked against the link's account, whose e-mail it may not contain);
 * a refused password leaves the link usable. Then, in one transaction: the token is marked
 * used — one conditional UPDATE, so of two simultaneous submissions only one wins — the
 * password hash is stored, every open sign-in session of the user ends, every other open link
 * of the user stops working, and an audit event is appended.
 */
export async function setPasswordWithToken(
  d: Engine,
  input: { token: string; purpose: TokenPurpose; password: string; confirmation: string; now?: Date },
): Promise<SetPasswordResult> {
  const now = input.now ?? new Date();
  const state = await linkState(d, input.token, input.purpose, now);
  if (state.status !== "valid") return { ok: false, error: "link" };
  const problems = checkNewPassword(input.password, input.confirmation, state.user.email);
  if (problems.length > 0) return { ok: false, error: "password", problems };
  // Hash before taking the write lock: argon2 takes tens of milliseconds.
  const passwordHash = await hashPassword(input.password);
  return d.write(async (): Promise<SetPasswordResult> => {
    const userId = await consumeAccountToken(d, hashToken(input.token), input.purpose, now);
    if (userId === null) return { ok: false, error: "link" };
    const sessionsEnded = await setPasswordAndEndSessions(d, userId, passwordHash, now);
    await expireOpenAccountTokens(d, userId, now);
    await appendAccountEvent(d, { type: "passwordSet", actorUserId: userId, subjectUserId: userId, data: { via: input.purpose, sessionsEnded }, at: now });
    return { ok: true, userId, sessionsEnded };
  });
}

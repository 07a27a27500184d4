import "server-only";
import type { Engine } from "../engine/types";
import { inScopeSql, scopeParams, type DataScope } from "./scope";
import type { Locale } from "../schema";

export type TokenPurpose = "invite" | "reset";

const sec = (d: Date) => Math.floor(d.getTime() / 1000);

export async function insertAccountToken(
  d: Engine,
  t: { userId: number; purpose: TokenPurpose; tokenHash: string; expiresAt: Date; now: Date; requestedFrom?: string | null },
): Promise<void> {
  await d.run("INSERT INTO account_tokens (user_id, purpose, token_hash, created_at, expires_at, requested_from) VALUES (?, ?, ?, ?, ?, ?)", [
    t.userId,
    t.purpose,
    t.tokenHash,
    sec(t.now),
    sec(t.expiresAt),
    t.requestedFrom ?? null,
  ]);
}

export type StoredToken = { userId: number; purpose: TokenPurpose; expiresAt: number; usedAt: number | null };

/** The token row for a hash (any purpose, used or not), or undefined. */
export async function findAccountToken(d: Engine, tokenHash: string): Promise<StoredToken | undefined> {
  return d.get<StoredToken>(`SELECT user_id AS "userId", purpose, expires_at AS "expiresAt", used_at AS "usedAt" FROM account_tokens WHERE token_hash = ?`, [tokenHash]);
}

/**
 * Marks a token used if — and only if — it is still unused, unexpired, of this purpose and
 * belongs to an active user, in one statement: of two simultaneous uses exactly one gets the
 * user id back. Returns the user id, or null.
 */
export async function consumeAccountToken(d: Engine, tokenHash: string, purpose: TokenPurpose, now: Date): Promise<number | null> {
  const row = await d.get<{ user_id: number }>(
    `UPDATE account_tokens SET used_at = ?
      WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
        AND user_id IN (SELECT id FROM users WHERE active)
      RETURNING user_id`,
    [sec(now), tokenHash, purpose, sec(now)],
  );
  return row?.user_id ?? null;
}

/** Ends every still-open link of a user (of one purpose, or all): they show as expired. Returns how many. */
export async function expireOpenAccountTokens(d: Engine, userId: number, now: Date, purpose?: TokenPurpose): Promise<number> {
  const sql = `UPDATE account_tokens SET expires_at = ? WHERE user_id = ? AND used_at IS NULL AND expires_at > ?${purpose ? " AND purpose = ?" : ""}`;
  const args: (string | number)[] = [sec(now), userId, sec(now)];
  if (purpose) args.push(purpose);
  return (await d.run(sql, args)).changes;
}

/** Links created for a user since `since` (any purpose), in all and those asked for from `from`: the request limits. */
export async function countAccountTokensSince(d: Engine, userId: number, since: Date, from: string): Promise<{ all: number; fromSource: number }> {
  const row = await d.get<{ all: number; fromSource: number | null }>(
    `SELECT count(*) AS "all", sum(CASE WHEN requested_from = ? THEN 1 ELSE 0 END) AS "fromSource" FROM account_tokens WHERE user_id = ? AND created_at > ?`,
    [from, userId, sec(since)],
  );
  return { all: row?.all ?? 0, fromSource: row?.fromSource ?? 0 };
}

export type AccountRecipient = {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  locale: Locale;
  active: boolean;
  hasPassword: boolean;
  /** The user's company, or the installation's first; null when none is recorded. */
  companyId: number | null;
  companyName: string | null;
};

type RecipientRow = Omit<AccountRecipient, "active" | "hasPassword" | "locale"> & { locale: string; active: number; hasPassword: number };

const RECIPIENT_SQL = `SELECT u.id, u.email, u.first_name AS "firstName", u.last_name AS "lastName", u.locale, u.active,
       u.password_hash IS NOT NULL AS "hasPassword",
       coalesce(u.company_id, (SELECT min(id) FROM companies)) AS "companyId",
       (SELECT name FROM companies c WHERE c.id = coalesce(u.company_id, (SELECT min(id) FROM companies))) AS "companyName"
  FROM users u`;

function toRecipient(r: RecipientRow | undefined): AccountRecipient | undefined {
  if (!r) return undefined;
  return { ...r, locale: r.locale === "en" ? "en" : "it", active: r.active === 1, hasPassword: r.hasPassword === 1 };
}

export async function getAccountRecipient(d: Engine, userId: number): Promise<AccountRecipient | undefined> {
  return toRecipient(await d.get<RecipientRow>(`${RECIPIENT_SQL} WHERE u.id = ?`, [userId]));
}

/** By e-mail, already normalised (trimmed, lower-case). */
export async function getAccountRecipientByEmail(d: Engine, email: string): Promise<AccountRecipient | undefined> {
  return toRecipient(await d.get<RecipientRow>(`${RECIPIENT_SQL} WHERE u.email = ?`, [email]));
}

export type PendingInvitee = { id: number; email: string; firstName: string; lastName: string; lastInvitedAt: number | null };

/** Active people of the scope who have no password yet, with their latest invitation (for the invite list). */
export async function listPeopleWithoutPassword(d: Engine, scope: DataScope, limit = 200): Promise<PendingInvitee[]> {
  return d.all<PendingInvitee>(
    `SELECT u.id, u.email, u.first_name AS "firstName", u.last_name AS "lastName",
            (SELECT max(created_at) FROM account_tokens t WHERE t.user_id = u.id AND t.purpose = 'invite') AS "lastInvitedAt"
       FROM users u
      WHERE u.password_hash IS NULL AND u.active AND ${inScopeSql(d)}
      ORDER BY u.last_name, u.first_name, u.id
      LIMIT @limit`,
    { limit, ...scopeParams(scope) },
  );
}

/** Sets a new password hash and ends every open sign-in session of the user. Returns the sessions ended. */
export async function setPasswordAndEndSessions(d: Engine, userId: number, passwordHash: string, now: Date): Promise<number> {
  await d.run("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", [passwordHash, sec(now), userId]);
  // "expired": the reports know three end reasons; a password change ends sessions on the system's side, like an expiry.
  return (await d.run("UPDATE auth_sessions SET ended_at = ?, end_reason = 'expired' WHERE user_id = ? AND ended_at IS NULL", [sec(now), userId])).changes;
}

export type AccessState = { hasPassword: boolean; lastInvitedAt: number | null; active: boolean };

/** Whether a person has chosen a password, and when they were last invited (Unix seconds). */
export async function getAccessState(d: Engine, userId: number): Promise<AccessState | null> {
  const row = await d.get<{ hasPassword: number; lastInvitedAt: number | null; active: number }>(
    `SELECT u.password_hash IS NOT NULL AS "hasPassword", u.active,
            (SELECT max(created_at) FROM account_tokens t WHERE t.user_id = u.id AND t.purpose = 'invite') AS "lastInvitedAt"
       FROM users u WHERE u.id = ?`,
    [userId],
  );
  return row ? { hasPassword: row.hasPassword === 1, lastInvitedAt: row.lastInvitedAt, active: row.active === 1 } : null;
}

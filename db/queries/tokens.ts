import "server-only";
import type { AppDatabase } from "../open";
import { inScopeSql, scopeParams, type DataScope } from "./scope";
import type { Locale } from "../schema";

export type TokenPurpose = "invite" | "reset";

const sec = (d: Date) => Math.floor(d.getTime() / 1000);

export function insertAccountToken(
  d: AppDatabase,
  t: { userId: number; purpose: TokenPurpose; tokenHash: string; expiresAt: Date; now: Date; requestedFrom?: string | null },
): void {
  d.sqlite
    .prepare("INSERT INTO account_tokens (user_id, purpose, token_hash, created_at, expires_at, requested_from) VALUES (?, ?, ?, ?, ?, ?)")
    .run(t.userId, t.purpose, t.tokenHash, sec(t.now), sec(t.expiresAt), t.requestedFrom ?? null);
}

export type StoredToken = { userId: number; purpose: TokenPurpose; expiresAt: number; usedAt: number | null };

/** The token row for a hash (any purpose, used or not), or undefined. */
export function findAccountToken(d: AppDatabase, tokenHash: string): StoredToken | undefined {
  return d.sqlite
    .prepare<[string], StoredToken>("SELECT user_id AS userId, purpose, expires_at AS expiresAt, used_at AS usedAt FROM account_tokens WHERE token_hash = ?")
    .get(tokenHash);
}

/**
 * Marks a token used if — and only if — it is still unused, unexpired, of this purpose and
 * belongs to an active user, in one statement: of two simultaneous uses exactly one gets the
 * user id back. Returns the user id, or null.
 */
export function consumeAccountToken(d: AppDatabase, tokenHash: string, purpose: TokenPurpose, now: Date): number | null {
  const row = d.sqlite
    .prepare<[number, string, string, number], { user_id: number }>(
      `UPDATE account_tokens SET used_at = ?
        WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
          AND user_id IN (SELECT id FROM users WHERE active)
        RETURNING user_id`,
    )
    .get(sec(now), tokenHash, purpose, sec(now));
  return row?.user_id ?? null;
}

/** Ends every still-open link of a user (of one purpose, or all): they show as expired. Returns how many. */
export function expireOpenAccountTokens(d: AppDatabase, userId: number, now: Date, purpose?: TokenPurpose): number {
  const sql = `UPDATE account_tokens SET expires_at = ? WHERE user_id = ? AND used_at IS NULL AND expires_at > ?${purpose ? " AND purpose = ?" : ""}`;
  const args: (string | number)[] = [sec(now), userId, sec(now)];
  if (purpose) args.push(purpose);
  return d.sqlite.prepare(sql).run(...args).changes;
}

/** Links created for a user since `since` (any purpose), in all and those asked for from `from`: the request limits. */
export function countAccountTokensSince(d: AppDatabase, userId: number, since: Date, from: string): { all: number; fromSource: number } {
  const row = d.sqlite
    .prepare<[string, number, number], { all: number; fromSource: number | null }>(
      "SELECT count(*) AS \"all\", sum(CASE WHEN requested_from = ? THEN 1 ELSE 0 END) AS fromSource FROM account_tokens WHERE user_id = ? AND created_at > ?",
    )
    .get(from, userId, sec(since));
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

const RECIPIENT_SQL = `SELECT u.id, u.email, u.first_name AS firstName, u.last_name AS lastName, u.locale, u.active,
       u.password_hash IS NOT NULL AS hasPassword,
       coalesce(u.company_id, (SELECT min(id) FROM companies)) AS companyId,
       (SELECT name FROM companies c WHERE c.id = coalesce(u.company_id, (SELECT min(id) FROM companies))) AS companyName
  FROM users u`;

function toRecipient(r: RecipientRow | undefined): AccountRecipient | undefined {
  if (!r) return undefined;
  return { ...r, locale: r.locale === "en" ? "en" : "it", active: r.active === 1, hasPassword: r.hasPassword === 1 };
}

export function getAccountRecipient(d: AppDatabase, userId: number): AccountRecipient | undefined {
  return toRecipient(d.sqlite.prepare<[number], RecipientRow>(`${RECIPIENT_SQL} WHERE u.id = ?`).get(userId));
}

/** By e-mail, already normalised (trimmed, lower-case). */
export function getAccountRecipientByEmail(d: AppDatabase, email: string): AccountRecipient | undefined {
  return toRecipient(d.sqlite.prepare<[string], RecipientRow>(`${RECIPIENT_SQL} WHERE u.email = ?`).get(email));
}

export type PendingInvitee = { id: number; email: string; firstName: string; lastName: string; lastInvitedAt: number | null };

/** Active people of the scope who have no password yet, with their latest invitation (for the invite list). */
export function listPeopleWithoutPassword(d: AppDatabase, scope: DataScope, limit = 200): PendingInvitee[] {
  return d.sqlite
    .prepare(
      `SELECT u.id, u.email, u.first_name AS firstName, u.last_name AS lastName,
              (SELECT max(created_at) FROM account_tokens t WHERE t.user_id = u.id AND t.purpose = 'invite') AS lastInvitedAt
         FROM users u
        WHERE u.password_hash IS NULL AND u.active AND ${inScopeSql()}
        ORDER BY u.last_name, u.first_name, u.id
        LIMIT @limit`,
    )
    .all({ limit, ...scopeParams(scope) }) as PendingInvitee[];
}

/** Sets a new password hash and ends every open sign-in session of the user. Returns the sessions ended. */
export function setPasswordAndEndSessions(d: AppDatabase, userId: number, passwordHash: string, now: Date): number {
  d.sqlite.prepare("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?").run(passwordHash, sec(now), userId);
  // "expired": the reports know three end reasons; a password change ends sessions on the system's side, like an expiry.
  return d.sqlite
    .prepare("UPDATE auth_sessions SET ended_at = ?, end_reason = 'expired' WHERE user_id = ? AND ended_at IS NULL")
    .run(sec(now), userId).changes;
}

export type AccessState = { hasPassword: boolean; lastInvitedAt: number | null; active: boolean };

/** Whether a person has chosen a password, and when they were last invited (Unix seconds). */
export function getAccessState(d: AppDatabase, userId: number): AccessState | null {
  const row = d.sqlite
    .prepare<[number], { hasPassword: number; lastInvitedAt: number | null; active: number }>(
      `SELECT u.password_hash IS NOT NULL AS hasPassword, u.active,
              (SELECT max(created_at) FROM account_tokens t WHERE t.user_id = u.id AND t.purpose = 'invite') AS lastInvitedAt
         FROM users u WHERE u.id = ?`,
    )
    .get(userId);
  return row ? { hasPassword: row.hasPassword === 1, lastInvitedAt: row.lastInvitedAt, active: row.active === 1 } : null;
}

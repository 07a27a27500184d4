import "server-only";
import type { AppDatabase } from "../open";

const sec = (d: Date) => Math.floor(d.getTime() / 1000);

/** An existing account by e-mail (normalised), with how many roles other than `inspector` it holds. */
export function findInspectorAccount(d: AppDatabase, email: string): { id: number; active: boolean; otherRoles: number } | undefined {
  const row = d.sqlite
    .prepare<[string], { id: number; active: number; otherRoles: number }>(
      "SELECT u.id, u.active, (SELECT count(*) FROM user_roles r WHERE r.user_id = u.id AND r.role != 'inspector') AS otherRoles FROM users u WHERE u.email = ?",
    )
    .get(email);
  return row ? { id: row.id, active: row.active === 1, otherRoles: row.otherRoles } : undefined;
}

/** The person's one `inspector` grant, for this company and plan until `expiresAt` (a re-grant replaces plan and expiry). */
export function upsertInspectorGrant(d: AppDatabase, g: { userId: number; companyId: number; planId: number; expiresAt: Date; now: Date }): void {
  d.sqlite
    .prepare(
      `INSERT INTO user_roles (user_id, role, company_id, plan_id, expires_at, created_at) VALUES (?, 'inspector', ?, ?, ?, ?)
       ON CONFLICT (user_id, role) DO UPDATE SET company_id = excluded.company_id, plan_id = excluded.plan_id, expires_at = excluded.expires_at`,
    )
    .run(g.userId, g.companyId, g.planId, sec(g.expiresAt), sec(g.now));
}

/** Makes a grant still in force on this plan expire now. @returns false when there was none. */
export function endInspectorGrant(d: AppDatabase, userId: number, planId: number, now: Date): boolean {
  return (
    d.sqlite
      .prepare("UPDATE user_roles SET expires_at = ? WHERE user_id = ? AND role = 'inspector' AND plan_id = ? AND expires_at > ?")
      .run(sec(now), userId, planId, sec(now)).changes === 1
  );
}

export type InspectorGrantRow = { userId: number; email: string; grantedAt: number; expiresAt: number; hasPassword: boolean; live: boolean };

/** A plan's inspector accounts (in force at `now` or expired), the latest expiry first. */
export function listInspectorGrants(d: AppDatabase, planId: number, now: Date): InspectorGrantRow[] {
  return d.sqlite
    .prepare<[number, number], { userId: number; email: string; grantedAt: number; expiresAt: number; hasPassword: number; live: number }>(
      `SELECT u.id AS userId, u.email, r.created_at AS grantedAt, r.expires_at AS expiresAt, (u.password_hash IS NOT NULL) AS hasPassword, (r.expires_at > ?) AS live
         FROM user_roles r JOIN users u ON u.id = r.user_id
        WHERE r.role = 'inspector' AND r.plan_id = ? ORDER BY r.expires_at DESC, u.email`,
    )
    .all(sec(now), planId)
    .map((r) => ({ ...r, hasPassword: r.hasPassword === 1, live: r.live === 1 }));
}

/** When this person's inspector grant ends, or null when they have none. */
export function inspectorExpiry(d: AppDatabase, userId: number): Date | null {
  const row = d.sqlite.prepare<[number], { e: number | null }>("SELECT expires_at AS e FROM user_roles WHERE user_id = ? AND role = 'inspector'").get(userId);
  return row?.e ? new Date(row.e * 1000) : null;
}

import "server-only";
import type { Engine } from "../engine/types";

const sec = (d: Date) => Math.floor(d.getTime() / 1000);

/** An existing account by e-mail (normalised), with how many roles other than `inspector` it holds. */
export async function findInspectorAccount(d: Engine, email: string): Promise<{ id: number; active: boolean; otherRoles: number } | undefined> {
  const row = await d.get<{ id: number; active: number; otherRoles: number }>(
    `SELECT u.id, u.active, (SELECT count(*) FROM user_roles r WHERE r.user_id = u.id AND r.role != 'inspector') AS "otherRoles" FROM users u WHERE u.email = ?`,
    [email],
  );
  return row ? { id: row.id, active: row.active === 1, otherRoles: row.otherRoles } : undefined;
}

/** The person's one `inspector` grant, for this company and plan until `expiresAt` (a re-grant replaces plan and expiry). */
export async function upsertInspectorGrant(d: Engine, g: { userId: number; companyId: number; planId: number; expiresAt: Date; now: Date }): Promise<void> {
  await d.run(
    `INSERT INTO user_roles (user_id, role, company_id, plan_id, expires_at, created_at) VALUES (?, 'inspector', ?, ?, ?, ?)
       ON CONFLICT (user_id, role) DO UPDATE SET company_id = excluded.company_id, plan_id = excluded.plan_id, expires_at = excluded.expires_at`,
    [g.userId, g.companyId, g.planId, sec(g.expiresAt), sec(g.now)],
  );
}

/** Makes a grant still in force on this plan expire now. @returns false when there was none. */
export async function endInspectorGrant(d: Engine, userId: number, planId: number, now: Date): Promise<boolean> {
  const r = await d.run("UPDATE user_roles SET expires_at = ? WHERE user_id = ? AND role = 'inspector' AND plan_id = ? AND expires_at > ?", [sec(now), userId, planId, sec(now)]);
  return r.changes === 1;
}

export type InspectorGrantRow = { userId: number; email: string; grantedAt: number; expiresAt: number; hasPassword: boolean; live: boolean };

/** A plan's inspector accounts (in force at `now` or expired), the latest expiry first. */
export async function listInspectorGrants(d: Engine, planId: number, now: Date): Promise<InspectorGrantRow[]> {
  const rows = await d.all<{ userId: number; email: string; grantedAt: number; expiresAt: number; hasPassword: number; live: number }>(
    `SELECT u.id AS "userId", u.email, r.created_at AS "grantedAt", r.expires_at AS "expiresAt", (u.password_hash IS NOT NULL) AS "hasPassword", (r.expires_at > ?) AS live
         FROM user_roles r JOIN users u ON u.id = r.user_id
        WHERE r.role = 'inspector' AND r.plan_id = ? ORDER BY r.expires_at DESC, u.email`,
    [sec(now), planId],
  );
  return rows.map((r) => ({ ...r, hasPassword: r.hasPassword === 1, live: r.live === 1 }));
}

/** When this person's inspector grant ends, or null when they have none. */
export async function inspectorExpiry(d: Engine, userId: number): Promise<Date | null> {
  const row = await d.get<{ e: number | null }>("SELECT expires_at AS e FROM user_roles WHERE user_id = ? AND role = 'inspector'", [userId]);
  return row?.e ? new Date(row.e * 1000) : null;
}

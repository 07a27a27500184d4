import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthSession } from "@/db/queries/auth";
import { getPlan, listPlans } from "@/db/queries/plans";
import { listRegisterPage } from "@/db/queries/register";
import { isUserInScope } from "@/db/queries/scope";
import { findUserByEmail, getPersonInScope, listPeople } from "@/db/queries/users";
import { hashToken } from "@/lib/account/tokens";
import { setPasswordWithToken } from "@/lib/account/set-password";
import { authenticate } from "@/lib/auth/authenticate";
import { checkAction } from "@/lib/auth/check-action";
import { liveSession } from "@/lib/auth/live-session";
import { can, PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { landingPath } from "@/lib/auth/roles";
import { resolveScope, type CompanyScope } from "@/lib/auth/scope";
import type { CurrentUser } from "@/lib/auth/session";
import { verifyAuditChain } from "@/lib/audit/trail";
import { DEMO_COMPANY, DEMO_COMPANY_B, DEMO_COURSE, DEMO_INSPECTOR, DEMO_MANAGER_COURSE, DEMO_PASSWORD } from "@/lib/demo/seed";
import { grantInspector, revokeInspector } from "@/lib/inspector/grants";
import { auditInspectorRequest } from "@/lib/inspector/view-audit";
import { reportCourse } from "@/lib/reports/register";
import { registerClock } from "@/lib/reports/register-clock";
import { z } from "zod";
import { openSeededDemo } from "./support/demo-db";
import type { TestDb } from "./support/test-db";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const DAY = 86_400_000;
/** Read-only: what an inspector may do, and nothing else. */
const INSPECTOR_MAY: Permission[] = ["plans:read", "plans:dossier", "reports:read", "reports:register"];

/**
 * The fund auditor's account (`inspector`): one plan of one company, read-only, audited, and
 * gone by itself at `expires_at`. Seeded exactly as `npm run demo` does (ispettore@example.com
 * on Officine's Fondimpresa plan).
 */
describe("inspector access", () => {
  let t: TestDb;
  const now = new Date("2026-12-04T15:00:00Z");
  let planA: number;
  let otherPlanA: number;
  let planB: number;
  let companyA: number;
  let inspectorId: number;
  let adminScope: CompanyScope;

  const companyId = async (name: string) => (await t.get<{ id: number }>("SELECT id FROM companies WHERE name = ?", [name]))!.id;
  const principalAt = async (userId: number, sid: string, at: Date) => {
    await createAuthSession(t, { id: sid, userId, ip: "127.0.0.1", userAgent: null, now: at });
    const p = await liveSession(t, sid, userId, at);
    return p ? { ...p, scope: await resolveScope(t, p) } : null;
  };

  /** Whether any row of any table of the database holds `text` (on either engine). */
  const anyRowContains = async (text: string) => {
    const tables = await t.all<{ name: string }>(
      t.dialect === "postgres"
        ? "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    );
    expect(tables.map((r) => r.name)).toContain("account_tokens");
    for (const { name } of tables) if (JSON.stringify(await t.all(`SELECT * FROM "${name}"`)).includes(text)) return true;
    return false;
  };

  beforeAll(async () => {
    t = await openSeededDemo();
    companyA = await companyId(DEMO_COMPANY);
    const plansA = await listPlans(t, { companyId: companyA });
    planA = plansA.find((p) => p.courses.includes(DEMO_COURSE))!.id;
    otherPlanA = plansA.find((p) => p.courses.includes(DEMO_MANAGER_COURSE))!.id;
    planB = (await listPlans(t, { companyId: await companyId(DEMO_COMPANY_B) }))[0]!.id;
    inspectorId = (await findUserByEmail(t, DEMO_INSPECTOR))!.id;
    adminScope = { companyId: companyA, departments: null, planId: null, via: "company_admin" };
  }, 600_000); // the demo through the app: about a minute on PostgreSQL, more beside other files
  afterAll(() => t.close());

  it("the demo inspector works in its plan only, lands on it, and may only read", async () => {
    const user = (await principalAt(inspectorId, "insp-1", now))!;
    expect(user.roles).toEqual(["inspector"]);
    expect(user.scope).toEqual({ companyId: companyA, departments: null, planId: planA, via: "inspector" });
    expect(landingPath(user.roles, user.grants)).toBe(`/admin/plans/${planA}`);
    for (const p of Object.keys(PERMISSIONS) as Permission[]) expect([p, can(user, p)]).toEqual([p, INSPECTOR_MAY.includes(p)]);
  });

  it("answers every plan but its own 'not found', and lists only that one", async () => {
    const scope = (await principalAt(inspectorId, "insp-2", now))!.scope!;
    expect((await getPlan(t, scope, planA))?.id).toBe(planA);
    expect(await getPlan(t, scope, otherPlanA)).toBeUndefined();
    expect(await getPlan(t, scope, planB)).toBeUndefined();
    expect((await listPlans(t, scope)).map((p) => p.id)).toEqual([planA]);
    // The admin of the same company still sees both of its plans.
    expect((await listPlans(t, adminScope)).map((p) => p.id).sort()).toEqual([planA, otherPlanA].sort());
  });

  it("reads only the plan's participations, courses and people", async () => {
    const scope = (await principalAt(inspectorId, "insp-3", now))!.scope!;
    const course = (await reportCourse(t, scope, DEMO_COURSE))!;
    const mine = await listRegisterPage(t, { course: course.params, scope, clock: registerClock(), page: 1, pageSize: 1000 });
    const admins = await listRegisterPage(t, { course: course.params, scope: adminScope, clock: registerClock(), filter: { plan: planA }, page: 1, pageSize: 1000 });
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.rows.every((r) => r.planId === planA)).toBe(true);
    expect(mine.rows.map((r) => r.userId)).toEqual(admins.rows.map((r) => r.userId));
    // The other plan's course is not reachable at all.
    expect(await reportCourse(t, scope, DEMO_MANAGER_COURSE)).toBeNull();
    // People: a participant of the plan yes; the company's admin (no participation) and the other company's people no.
    const participant = mine.rows[0]!.userId;
    const admin = (await findUserByEmail(t, "admin@example.com"))!.id;
    const other = (await t.get<{ id: number }>("SELECT id FROM users WHERE company_id = ? ORDER BY id LIMIT 1", [await companyId(DEMO_COMPANY_B)]))!.id;
    expect((await getPersonInScope(t, scope, participant))?.id).toBe(participant);
    expect(await isUserInScope(t, scope, admin)).toBe(false);
    expect(await getPersonInScope(t, scope, admin)).toBeUndefined();
    expect(await getPersonInScope(t, scope, other)).toBeUndefined();
    const listed = await listPeople(t, scope, { page: 1 });
    expect(listed.rows.some((p) => p.id === admin)).toBe(false);
    expect(listed.total).toBe(new Set(mine.rows.map((r) => r.userId)).size);
  });

  it("every write is refused before its input is read", async () => {
    const user = (await principalAt(inspectorId, "insp-4", now))! as CurrentUser;
    const form = { schema: z.object({ anything: z.string() }) };
    for (const p of Object.keys(PERMISSIONS) as Permission[]) {
      if (INSPECTOR_MAY.includes(p)) continue;
      expect([p, checkAction(user, p, form, new FormData()).ok]).toEqual([p, false]);
    }
  });

  it("ends by itself: after expires_at the session ends at the next request and sign-in is refused", async () => {
    const expiresAt = (await t.get<{ e: number }>("SELECT expires_at AS e FROM user_roles WHERE user_id = ? AND role = 'inspector'", [inspectorId]))!.e;
    expect(expiresAt).toBe(Math.floor((now.getTime() + 30 * DAY) / 1000));
    const lastSecond = new Date((expiresAt - 1) * 1000);
    const past = new Date((expiresAt + 1) * 1000);
    await createAuthSession(t, { id: "insp-exp", userId: inspectorId, ip: "127.0.0.1", userAgent: null, now: lastSecond });
    expect((await liveSession(t, "insp-exp", inspectorId, lastSecond))?.id).toBe(inspectorId);
    expect(await liveSession(t, "insp-exp", inspectorId, past)).toBeNull();
    const before = await authenticate(t, { email: DEMO_INSPECTOR, password: DEMO_PASSWORD, ip: "10.0.0.1", userAgent: null }, lastSecond);
    expect(before.ok).toBe(true);
    const after = await authenticate(t, { email: DEMO_INSPECTOR, password: DEMO_PASSWORD, ip: "10.0.0.2", userAgent: null }, past);
    expect(after).toEqual({ ok: false, reason: "deactivated" });
    // Nobody else is touched: the company admin still signs in then.
    expect((await authenticate(t, { email: "admin@example.com", password: DEMO_PASSWORD, ip: "10.0.0.3", userAgent: null }, past)).ok).toBe(true);
  });

  it("an admin grants access with a one-time link (hash only stored, refused the second time) and revokes it", async () => {
    const admin = (await findUserByEmail(t, "admin@example.com"))!.id;
    const r = await grantInspector(t, { planId: planA, email: " Revisore@Fondo.Example ", days: 7, scope: adminScope, actorUserId: admin, now });
    if (!r.ok) throw new Error(r.error);
    expect(r.created).toBe(true);
    expect(r.expiresAt.getTime()).toBe(now.getTime() + 7 * DAY);
    expect(r.linkExpiresAt.getTime()).toBe(now.getTime() + 2 * DAY);
    const token = r.link.split("/").at(-1)!;
    expect(r.link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored.
    expect(await t.get("SELECT count(*) AS n FROM account_tokens WHERE token_hash = ?", [hashToken(token)])).toEqual({ n: 1 });
    expect(await anyRowContains(token)).toBe(false);
    // On SQLite, not even in the bytes of the file.
    if ("DATABASE_PATH" in t.location) expect(fs.readFileSync(t.location.DATABASE_PATH).includes(Buffer.from(token))).toBe(false);
    const password = "Ispezione-fondo-2026!";
    const first = await setPasswordWithToken(t, { token, purpose: "invite", password, confirmation: password, now });
    expect(first.ok).toBe(true);
    const second = await setPasswordWithToken(t, { token, purpose: "invite", password: `${password}x`, confirmation: `${password}x`, now });
    expect(second).toEqual({ ok: false, error: "link" });
    const signIn = await authenticate(t, { email: "revisore@fondo.example", password, ip: "10.0.1.1", userAgent: null }, now);
    if (!signIn.ok) throw new Error(signIn.reason);
    expect((await liveSession(t, signIn.sessionId, r.userId, now))?.roles).toEqual(["inspector"]);

    // A re-grant keeps one account and one grant, moves the expiry, and gives a reset link (a password exists).
    const again = await grantInspector(t, { planId: planA, email: "revisore@fondo.example", days: 14, scope: adminScope, actorUserId: admin, now });
    if (!again.ok) throw new Error(again.error);
    expect(again).toMatchObject({ created: false, userId: r.userId });
    expect(again.link).toMatch(/\/reset-password\//);
    expect(await t.get("SELECT count(*) AS n FROM user_roles WHERE user_id = ?", [r.userId])).toEqual({ n: 1 });

    // Refusals: another company's plan (for this admin), an address with other roles.
    expect(await grantInspector(t, { planId: planB, email: "x@fondo.example", days: 7, scope: adminScope, actorUserId: admin, now })).toEqual({ ok: false, error: "plan_not_found" });
    expect(await grantInspector(t, { planId: planA, email: "trainer@example.com", days: 7, scope: adminScope, actorUserId: admin, now })).toEqual({ ok: false, error: "other_roles" });

    // Revoke: the open session ends at the next request, sign-in is refused, the trail says who.
    const later = new Date(now.getTime() + 60_000);
    expect(await revokeInspector(t, { scope: { companyId: await companyId(DEMO_COMPANY_B) }, planId: planA, userId: r.userId, actorUserId: admin, now: later })).toBe(false);
    expect(await revokeInspector(t, { scope: adminScope, planId: planA, userId: r.userId, actorUserId: admin, now: later })).toBe(true);
    expect(await liveSession(t, signIn.sessionId, r.userId, new Date(later.getTime() + 1000))).toBeNull();
    expect((await authenticate(t, { email: "revisore@fondo.example", password, ip: "10.0.1.2", userAgent: null }, new Date(later.getTime() + 1000))).ok).toBe(false);
    const events = await t.all<{ type: string; actor: number | null }>("SELECT type, actor_user_id AS actor FROM audit_events WHERE subject = ? AND type LIKE 'inspector.%' ORDER BY id", [`user:${r.userId}`]);
    expect(events).toEqual([
      { type: "inspector.grant", actor: admin },
      { type: "inspector.grant", actor: admin },
      { type: "inspector.revoke", actor: admin },
    ]);
  });

  it("records each request of an inspector in the audit trail, and nobody else's", async () => {
    const global = globalThis as unknown as { __binomioDb?: unknown };
    global.__binomioDb = t;
    try {
      const inspector = (await principalAt(inspectorId, "insp-5", now))! as CurrentUser;
      const admin = (await principalAt((await findUserByEmail(t, "admin@example.com"))!.id, "adm-5", now))! as CurrentUser;
      const count = async () => (await t.get<{ n: number }>("SELECT count(*) AS n FROM audit_events WHERE type = 'inspector.view'"))!.n;
      const before = await count();
      await auditInspectorRequest(inspector, { path: `/admin/plans/${planA}`, method: "GET", kind: "page" });
      await auditInspectorRequest(admin, { path: `/admin/plans/${planA}`, method: "GET", kind: "page" });
      expect(await count()).toBe(before + 1);
      const last = await t.get("SELECT actor_user_id AS actor, session_id AS sid, subject, data FROM audit_events ORDER BY id DESC LIMIT 1");
      expect(last).toEqual({ actor: inspectorId, sid: "insp-5", subject: `plan:${planA}`, data: JSON.stringify({ kind: "page", method: "GET", path: `/admin/plans/${planA}` }) });
      expect((await verifyAuditChain(t)).ok).toBe(true);
    } finally {
      delete global.__binomioDb;
    }
  });

  describe("npm run inspector:create", () => {
    const cli = (args: string[]) =>
      spawnSync(TSX, ["--conditions=react-server", "scripts/inspector-create.ts", ...args], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, ...t.location, PUBLIC_BASE_URL: "https://binomio.example" },
        timeout: 60_000,
      });

    it("refuses bad arguments with exit code 2 and says which, changing nothing", async () => {
      const users = () => t.get("SELECT count(*) AS n FROM users");
      const before = await users();
      const cases: [string[], RegExp][] = [
        [[], /--plan: must be a plan id[\s\S]*--email: must be a valid e-mail address[\s\S]*--days: must be at least 1/],
        [["--plan", "abc", "--email", "a@b.example", "--days", "3"], /--plan: must be a plan id/],
        [["--plan", "1", "--email", "not-an-address", "--days", "3"], /--email: must be a valid e-mail address/],
        [["--plan", "1", "--email", "a@b.example", "--days", "2.5"], /--days: must be a whole number of days/],
        [["--plan", "1", "--email", "a@b.example", "--days", "365"], /--days: may be at most 90/],
        [["--plan", "1", "--email", "a@b.example", "--days", "3", "--admin"], /Unknown option '--admin'/],
      ];
      for (const [args, message] of cases) {
        const r = cli(args);
        expect([args.join(" "), r.status]).toEqual([args.join(" "), 2]);
        expect(r.stderr).toMatch(message);
        expect(r.stderr).toContain("usage: npm run inspector:create");
      }
      const unknown = cli(["--plan", "999999", "--email", "a@b.example", "--days", "3"]);
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toContain("No funding plan with id 999999.");
      expect(await users()).toEqual(before);
    }, 180_000);

    it("creates the account for the plan's company and prints a one-time link", async () => {
      const r = cli(["--plan", String(planB), "--email", "auditor@foncoop.example", "--days", "10"]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const link = r.stdout.match(/https:\/\/binomio\.example\/invite\/([A-Za-z0-9_-]{43})/);
      expect(link).not.toBeNull();
      const user = (await findUserByEmail(t, "auditor@foncoop.example"))!;
      expect(user.companyId).toBe(await companyId(DEMO_COMPANY_B));
      expect(await t.all("SELECT role, company_id AS c, plan_id AS p FROM user_roles WHERE user_id = ?", [user.id])).toEqual([{ role: "inspector", c: user.companyId, p: planB }]);
      expect(await t.get("SELECT count(*) AS n FROM account_tokens WHERE token_hash = ? AND user_id = ?", [hashToken(link![1]!), user.id])).toEqual({ n: 1 });
      expect(await t.get("SELECT actor_user_id AS actor FROM audit_events WHERE type = 'inspector.grant' AND subject = ?", [`user:${user.id}`])).toEqual({ actor: null });
    }, 60_000);
  });
});

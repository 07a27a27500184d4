import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { fingerprintOfEngine } from "../support/db-fingerprint";
import { attemptSignIn, e2eDb, signIn } from "./support/helpers";

/**
 * The fund auditor's account (`inspector`, ispettore@example.com on the demo's Fondimpresa plan)
 * against every page and route handler of the app, from the file tree like the main matrix: a new
 * route without an entry here fails the first test, so whoever adds one decides what the
 * inspector gets. Everything outside the plan is 404, pages of other permissions 403, and no
 * refused request changes the database — except the `inspector.view` event each request of an
 * inspector appends to the audit trail by design, which the fingerprint leaves out.
 */

type Outcome = 200 | "signin" | 400 | 401 | 403 | 404 | 405 | 409 | 422;
type Ctx = { plan: number; otherPlan: number; planB: number; inPlan: number; admin: number; personB: number; certificateCode: string; outboxId: number };
type Entry = { method?: "GET" | "POST" | "PATCH"; url: (c: Ctx) => string; body?: unknown; form?: Record<string, string>; headers?: Record<string, string>; expect: Outcome };

const INSPECTOR = "ispettore@example.com";
/** The course of the inspector's plan, and a course outside it. */
const PLAN_COURSE = "lavoro-e-social-media";
const OTHER_COURSE = "social-media-basics";

const PAGES: Record<string, Entry[]> = {
  "app/[locale]/page.tsx": [{ url: () => "/", expect: 200 }],
  "app/[locale]/[...rest]/page.tsx": [{ url: () => "/no-such-page", expect: 404 }],
  "app/[locale]/access-denied/page.tsx": [{ url: () => "/access-denied", expect: 403 }],
  "app/[locale]/page-not-found/page.tsx": [{ url: () => "/page-not-found", expect: 404 }],
  "app/[locale]/(auth)/sign-in/page.tsx": [{ url: () => "/sign-in", expect: 200 }],
  "app/[locale]/(auth)/privacy/page.tsx": [{ url: () => "/privacy", expect: 200 }],
  "app/[locale]/(auth)/forgot-password/page.tsx": [{ url: () => "/forgot-password", expect: 200 }],
  "app/[locale]/(auth)/invite/[token]/page.tsx": [{ url: () => "/invite/not-a-real-token", expect: 200 }],
  "app/[locale]/(auth)/reset-password/[token]/page.tsx": [{ url: () => "/reset-password/not-a-real-token", expect: 200 }],
  "app/[locale]/verify/page.tsx": [{ url: () => "/verify", expect: 200 }],
  "app/[locale]/verify/[code]/page.tsx": [{ url: (c) => `/verify/${c.certificateCode}`, expect: 200 }],
  "app/[locale]/(app)/courses/page.tsx": [{ url: () => "/courses", expect: 403 }],
  "app/[locale]/(lesson)/courses/[course]/page.tsx": [{ url: () => `/courses/${PLAN_COURSE}`, expect: 403 }],
  "app/[locale]/(app)/courses/[course]/quiz/[quiz]/page.tsx": [{ url: () => `/courses/${OTHER_COURSE}/quiz/already-online-check`, expect: 403 }],
  "app/[locale]/(app)/courses/[course]/policy/page.tsx": [{ url: () => `/courses/${PLAN_COURSE}/policy`, expect: 403 }],
  "app/[locale]/(lesson)/courses/[course]/[lesson]/page.tsx": [{ url: () => `/courses/${OTHER_COURSE}/already-online`, expect: 403 }],
  "app/[locale]/(app)/me/page.tsx": [{ url: () => "/me", expect: 403 }],
  "app/[locale]/(app)/trainer/page.tsx": [{ url: () => "/trainer", expect: 403 }],
  "app/[locale]/(app)/trainer/courses/[course]/[lesson]/page.tsx": [{ url: () => `/trainer/courses/${OTHER_COURSE}/next-steps`, expect: 403 }],
  "app/[locale]/(app)/trainer/lms-export/[course]/page.tsx": [{ url: () => `/trainer/lms-export/${PLAN_COURSE}`, expect: 403 }],
  "app/[locale]/(app)/trainer/analytics/[course]/page.tsx": [{ url: () => `/trainer/analytics/${PLAN_COURSE}`, expect: 403 }],
  "app/[locale]/(app)/admin/analytics/[course]/page.tsx": [{ url: () => `/admin/analytics/${PLAN_COURSE}`, expect: 403 }],
  "app/[locale]/(app)/admin/page.tsx": [{ url: () => "/admin", expect: 403 }],
  "app/[locale]/(app)/admin/people/page.tsx": [{ url: () => "/admin/people", expect: 403 }],
  "app/[locale]/(app)/admin/people/[id]/page.tsx": [{ url: (c) => `/admin/people/${c.inPlan}`, expect: 403 }],
  "app/[locale]/(app)/admin/people/new/page.tsx": [{ url: () => "/admin/people/new", expect: 403 }],
  "app/[locale]/(app)/admin/people/import/page.tsx": [{ url: () => "/admin/people/import", expect: 403 }],
  "app/[locale]/(app)/admin/company/page.tsx": [{ url: () => "/admin/company", expect: 403 }],
  "app/[locale]/(app)/admin/company/sso/page.tsx": [{ url: () => "/admin/company/sso", expect: 403 }],
  "app/[locale]/(app)/admin/plans/page.tsx": [{ url: () => "/admin/plans", expect: 403 }],
  "app/[locale]/(app)/admin/plans/new/page.tsx": [{ url: () => "/admin/plans/new", expect: 403 }],
  "app/[locale]/(app)/admin/plans/[id]/page.tsx": [
    { url: (c) => `/admin/plans/${c.plan}`, expect: 200 },
    { url: (c) => `/admin/plans/${c.otherPlan}`, expect: 404 },
    { url: (c) => `/admin/plans/${c.planB}`, expect: 404 },
    { url: () => "/admin/plans/999999", expect: 404 },
  ],
  "app/[locale]/(app)/admin/enrolments/page.tsx": [{ url: () => "/admin/enrolments", expect: 403 }],
  "app/[locale]/(app)/admin/reports/page.tsx": [{ url: () => "/admin/reports", expect: 200 }],
  "app/[locale]/(app)/admin/reports/participants/page.tsx": [
    { url: (c) => `/admin/reports/participants?course=${PLAN_COURSE}&plan=${c.plan}`, expect: 200 },
    { url: () => `/admin/reports/participants?course=${PLAN_COURSE}`, expect: 200 },
    { url: (c) => `/admin/reports/participants?course=${PLAN_COURSE}&plan=${c.otherPlan}`, expect: 404 },
    { url: (c) => `/admin/reports/participants?course=${PLAN_COURSE}&plan=${c.planB}`, expect: 404 },
    // A course outside the plan is answered like an unknown one: the chooser, which lists only the plan's courses.
    { url: () => `/admin/reports/participants?course=${OTHER_COURSE}`, expect: 200 },
  ],
  "app/[locale]/(app)/admin/reports/participants/[userId]/page.tsx": [
    { url: (c) => `/admin/reports/participants/${c.inPlan}?course=${PLAN_COURSE}`, expect: 200 },
    { url: (c) => `/admin/reports/participants/${c.admin}?course=${PLAN_COURSE}`, expect: 404 },
    { url: (c) => `/admin/reports/participants/${c.personB}?course=${PLAN_COURSE}`, expect: 404 },
    { url: (c) => `/admin/reports/participants/${c.inPlan}?course=${OTHER_COURSE}`, expect: 404 },
  ],
  "app/[locale]/(app)/admin/certificates/page.tsx": [{ url: (c) => `/admin/certificates?course=${PLAN_COURSE}&plan=${c.plan}`, expect: 403 }],
  "app/[locale]/(app)/admin/outbox/page.tsx": [{ url: () => "/admin/outbox", expect: 403 }],
  "app/[locale]/(app)/admin/outbox/[id]/page.tsx": [{ url: (c) => `/admin/outbox/${c.outboxId}`, expect: 403 }],
  "app/[locale]/(app)/admin/reminders/page.tsx": [{ url: () => "/admin/reminders", expect: 403 }],
  "app/[locale]/(app)/admin/companies/page.tsx": [{ url: () => "/admin/companies", expect: 403 }],
  "app/[locale]/(app)/admin/companies/new/page.tsx": [{ url: () => "/admin/companies/new", expect: 403 }],
};

const ROUTES: Record<string, Entry[]> = {
  "app/api/health/route.ts": [{ url: () => "/api/health", expect: 200 }],
  "app/api/locale/route.ts": [{ method: "POST", url: () => "/api/locale", form: { locale: "it" }, expect: 200 }],
  "app/courses/[course]/[lesson]/route.ts": [{ url: () => `/courses/${OTHER_COURSE}/already-online`, expect: 403 }],
  "app/courses/[course]/route.ts": [{ url: () => `/courses/${OTHER_COURSE}`, expect: 403 }],
  "app/api/sign-out/route.ts": [{ method: "POST", url: () => "/api/sign-out", headers: { origin: "http://elsewhere.example" }, expect: 403 }],
  "app/api/auth/[...nextauth]/route.ts": [{ url: () => "/api/auth/csrf", expect: 200 }],
  "app/api/bench/noop/route.ts": [{ url: () => "/api/bench/noop", expect: 404 }],
  "app/api/admin/people/route.ts": [{ url: () => "/api/admin/people", expect: 403 }],
  "app/api/admin/people/[id]/route.ts": [{ method: "PATCH", url: (c) => `/api/admin/people/${c.inPlan}`, body: { active: false }, expect: 403 }],
  "app/api/admin/people/[id]/invite/route.ts": [{ method: "POST", url: (c) => `/api/admin/people/${c.inPlan}/invite`, body: {}, expect: 403 }],
  "app/api/admin/people/import/route.ts": [{ method: "POST", url: () => "/api/admin/people/import", expect: 403 }],
  "app/api/admin/reports/[file]/route.ts": [
    { url: (c) => `/api/admin/reports/register.csv?course=${PLAN_COURSE}&plan=${c.plan}`, expect: 200 },
    { url: () => `/api/admin/reports/register.xlsx?course=${PLAN_COURSE}`, expect: 200 },
    { url: (c) => `/api/admin/reports/register.csv?course=${PLAN_COURSE}&plan=${c.otherPlan}`, expect: 404 },
    { url: (c) => `/api/admin/reports/register.csv?course=${PLAN_COURSE}&plan=${c.planB}`, expect: 404 },
    // Like an unknown course: 422 "unknown course".
    { url: () => `/api/admin/reports/register.csv?course=${OTHER_COURSE}`, expect: 422 },
    { url: () => "/api/admin/reports/sessions.xlsx", expect: 403 },
  ],
  // The plan's dossier: the inspector's plan only, and only its participants.
  "app/api/admin/plans/[planId]/register.pdf/route.ts": [
    { url: (c) => `/api/admin/plans/${c.plan}/register.pdf`, expect: 200 },
    { url: (c) => `/api/admin/plans/${c.otherPlan}/register.pdf`, expect: 404 },
    { url: (c) => `/api/admin/plans/${c.planB}/register.pdf`, expect: 404 },
  ],
  "app/api/admin/plans/[planId]/participants/[userId]/register.pdf/route.ts": [
    { url: (c) => `/api/admin/plans/${c.plan}/participants/${c.inPlan}/register.pdf`, expect: 200 },
    { url: (c) => `/api/admin/plans/${c.plan}/participants/${c.admin}/register.pdf`, expect: 404 },
    { url: (c) => `/api/admin/plans/${c.plan}/participants/${c.personB}/register.pdf`, expect: 404 },
    { url: (c) => `/api/admin/plans/${c.otherPlan}/participants/${c.inPlan}/register.pdf`, expect: 404 },
  ],
  "app/api/admin/plans/[planId]/declaration.pdf/route.ts": [
    { url: (c) => `/api/admin/plans/${c.plan}/declaration.pdf`, expect: 200 },
    { url: (c) => `/api/admin/plans/${c.planB}/declaration.pdf`, expect: 404 },
  ],
  "app/api/admin/plans/[planId]/course-file.pdf/route.ts": [
    { url: (c) => `/api/admin/plans/${c.plan}/course-file.pdf`, expect: 200 },
    { url: (c) => `/api/admin/plans/${c.otherPlan}/course-file.pdf`, expect: 404 },
  ],
  "app/api/admin/plans/[planId]/dossier.zip/route.ts": [
    { url: (c) => `/api/admin/plans/${c.plan}/dossier.zip`, expect: 200 },
    { url: (c) => `/api/admin/plans/${c.otherPlan}/dossier.zip`, expect: 404 },
    { url: (c) => `/api/admin/plans/${c.planB}/dossier.zip`, expect: 404 },
  ],
  "app/api/trainer/item-analysis.csv/route.ts": [{ url: () => `/api/trainer/item-analysis.csv?course=${PLAN_COURSE}`, expect: 403 }],
  "app/api/admin/analytics/[file]/route.ts": [{ url: () => `/api/admin/analytics/misconceptions.csv?course=${PLAN_COURSE}`, expect: 403 }],
  "app/api/admin/certificates.zip/route.ts": [{ url: (c) => `/api/admin/certificates.zip?course=${PLAN_COURSE}&plan=${c.plan}`, expect: 403 }],
  "app/api/trainer/courses/[course]/lms-package/route.ts": [{ url: () => `/api/trainer/courses/${PLAN_COURSE}/lms-package?format=scorm12&locale=it`, expect: 403 }],
  "app/api/certificates/[file]/route.ts": [{ url: (c) => `/api/certificates/${c.certificateCode}.pdf`, expect: 404 }],
  "app/api/content/[course]/assets/[file]/route.ts": [{ url: () => `/api/content/${OTHER_COURSE}/assets/audience-circles.png`, expect: 200 }],
  "app/api/me/export/route.ts": [{ method: "POST", url: () => "/api/me/export", expect: 403 }],
  "app/api/heartbeat/route.ts": [{ method: "POST", url: () => "/api/heartbeat", body: { courseSlug: PLAN_COURSE, lessonSlug: "reputazione" }, expect: 403 }],
  "app/api/progress/route.ts": [{ method: "POST", url: () => "/api/progress", body: { courseSlug: PLAN_COURSE, lessonSlug: "reputazione", action: "open" }, expect: 403 }],
  "app/api/presence-checks/[id]/route.ts": [{ method: "POST", url: () => "/api/presence-checks/1", body: { answer: 3 }, expect: 403 }],
  // SCIM answers to a company's bearer token only: the inspector's session cookie authorizes nothing there.
  "app/scim/v2/Users/route.ts": [{ url: () => "/scim/v2/Users", expect: 401 }],
  "app/scim/v2/Users/[id]/route.ts": [{ url: () => "/scim/v2/Users/1", expect: 401 }],
  "app/scim/v2/Groups/route.ts": [{ url: () => "/scim/v2/Groups", expect: 401 }],
  "app/scim/v2/Groups/[id]/route.ts": [{ url: () => "/scim/v2/Groups/1", expect: 401 }],
  "app/scim/v2/ServiceProviderConfig/route.ts": [{ url: () => "/scim/v2/ServiceProviderConfig", expect: 401 }],
  "app/scim/v2/ResourceTypes/route.ts": [{ url: () => "/scim/v2/ResourceTypes", expect: 401 }],
  "app/scim/v2/Schemas/route.ts": [{ url: () => "/scim/v2/Schemas", expect: 401 }],
  "app/api/exercises/attempts/route.ts": [{ method: "POST", url: () => "/api/exercises/attempts", body: { courseSlug: PLAN_COURSE, exerciseId: "x", selected: [] }, expect: 403 }],
  "app/api/quiz/attempts/route.ts": [{ method: "POST", url: () => "/api/quiz/attempts", body: { courseSlug: PLAN_COURSE, quizId: "final" }, expect: 403 }],
  "app/api/quiz/attempts/[id]/review/route.ts": [{ url: () => "/api/quiz/attempts/1/review", expect: 403 }],
  "app/api/quiz/attempts/[id]/submit/route.ts": [{ method: "POST", url: () => "/api/quiz/attempts/1/submit", body: { answers: {} }, expect: 403 }],
};

function listFiles(dir: string, name: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p, name) : e.name === name ? [p.split(path.sep).join("/")] : [];
  });
}

/**
 * The whole database but the audit events of an inspector's views (appended to every request of theirs by design),
 * and on PostgreSQL `audit_chain_head`, the highest audit event id, raised by a trigger with each of those appends
 * (SQLite's counterpart, `sqlite_sequence`, is never fingerprinted): every other audit event is still counted.
 */
async function fingerprint(): Promise<string> {
  return fingerprintOfEngine(await e2eDb(), (table, row) => (table === "audit_events" && row.type === "inspector.view") || table === "audit_chain_head");
}

async function viewEvents(pathPrefix: string): Promise<number> {
  const rows = await (await e2eDb()).all<{ data: string }>("SELECT data FROM audit_events WHERE type = 'inspector.view'");
  return rows.filter((r) => (JSON.parse(r.data) as { path: string }).path.startsWith(pathPrefix)).length;
}

function classify(status: number, location: string | undefined): Outcome | number {
  if (status >= 300 && status < 400 && location) return location.includes("/sign-in") ? "signin" : 200;
  return status as Outcome;
}

let ctx: Ctx;
let context: BrowserContext;
let request: APIRequestContext;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(60_000);
  const db = await e2eDb();
  const one = async <T>(sql: string, ...args: (string | number)[]) => (await db.get<T>(sql, args))!;
  const inspector = await one<{ id: number; plan: number; company: number }>(
    "SELECT u.id, r.plan_id AS plan, r.company_id AS company FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'inspector' WHERE u.email = ?",
    INSPECTOR,
  );
  // A mail of the inspector's company, to try its outbox page.
  const outbox = await one<{ id: number }>(
    "INSERT INTO outbox (to_address, subject, text, html, kind, company_id) VALUES ('x@example.com', 'Prova', 'testo', '<p>testo</p>', 'test', ?) RETURNING id",
    inspector.company,
  );
  ctx = {
    plan: inspector.plan,
    otherPlan: (await one<{ id: number }>("SELECT id FROM funding_plans WHERE company_id = ? AND id != ? ORDER BY id LIMIT 1", inspector.company, inspector.plan)).id,
    planB: (await one<{ id: number }>("SELECT id FROM funding_plans WHERE company_id != ? ORDER BY id LIMIT 1", inspector.company)).id,
    inPlan: (await one<{ id: number }>("SELECT id FROM users WHERE email = 'learner@example.com'")).id,
    admin: (await one<{ id: number }>("SELECT id FROM users WHERE email = 'admin@example.com'")).id,
    personB: (await one<{ id: number }>("SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = 'learner' WHERE u.company_id != ? ORDER BY u.id LIMIT 1", inspector.company)).id,
    certificateCode: (await one<{ code: string }>("SELECT code FROM certificates ORDER BY id LIMIT 1")).code,
    outboxId: outbox.id,
  };
  context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, INSPECTOR);
  // Lands on the plan's page.
  expect(new URL(page.url()).pathname).toBe(`/admin/plans/${ctx.plan}`);
  await page.close();
  request = context.request;
});

test.afterAll(async () => {
  await context?.close();
});

test("every page and route handler in app/ has an inspector entry", () => {
  const pages = listFiles("app", "page.tsx");
  const routes = listFiles("app", "route.ts");
  expect(pages.filter((p) => !PAGES[p]), "pages without an inspector entry").toEqual([]);
  expect(routes.filter((r) => !ROUTES[r]), "route handlers without an inspector entry").toEqual([]);
});

for (const [file, entries] of Object.entries({ ...PAGES, ...ROUTES })) {
  test(`inspector: ${file}`, async () => {
    for (const entry of entries) {
      const url = entry.url(ctx);
      const method = entry.method ?? "GET";
      const before = entry.expect === 200 ? null : await fingerprint();
      const res = await request.fetch(url, { method, headers: entry.headers, ...(entry.form ? { form: entry.form } : { data: entry.body }), maxRedirects: 0 });
      expect(classify(res.status(), res.headers()["location"]), `${method} ${url}`).toBe(entry.expect);
      if (before) expect(await fingerprint(), `${method} ${url} changed the database`).toBe(before);
    }
  });
}

/** Where Next finds an action: a page that uses it (its worker), as a URL; the plan page's with the inspector's plan. */
function actionUrl(workers: string[]): string {
  for (const w of workers) {
    const url = w.replace(/^app\/\[locale\]/, "").replace(/\/\([^)]+\)/g, "").replace(/\/page$/, "") || "/";
    if (url === "/admin/plans/[id]") return `/admin/plans/${ctx.plan}`;
    if (!url.includes("[")) return url;
  }
  return "/admin/reports";
}

/** Every server action of the build, called with the inspector's session on a page that uses it: refused, and nothing changes. */
test("no server action changes anything for the inspector", async () => {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  // Sign-out would end this very session (that is its job), sign-in and the link pages need no session at all.
  const skip = /#(signOutAction|signInAction|requestLinkAction|acceptInvitationAction|resetPasswordAction|acknowledgePrivacyAction)$/;
  const actions = Object.entries(manifest.node).filter(([, a]) => !skip.test(`${a.filename}#${a.exportedName}`));
  expect(actions.length).toBeGreaterThan(10);
  // Each call's "after" is the next call's "before" (equal to this one's, or the test has failed): one fingerprint per call.
  let before = await fingerprint();
  for (const [id, a] of actions) {
    // As the main matrix calls them: the permission check comes before any input is read.
    const url = actionUrl(Object.keys(a.workers));
    const res = await request.post(url, { headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8" }, data: "[]", maxRedirects: 0 });
    expect(res.status(), `${a.filename}#${a.exportedName}`).toBeLessThan(500);
    // The plan page's own actions are found and run (their refusal: a "forbidden" state, or the 403 page).
    if (url.startsWith("/admin/plans/")) expect([200, 403], `${a.filename}#${a.exportedName} at ${url}`).toContain(res.status());
    const after = await fingerprint();
    expect(after, `${a.filename}#${a.exportedName} changed the database`).toBe(before);
    before = after;
  }
});

test("the plan page is read-only for the inspector, and each page view is one audit event", async () => {
  const page: Page = await context.newPage();
  const planPath = `/admin/plans/${ctx.plan}`;
  const before = await viewEvents(planPath);
  await page.goto(planPath);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("sola lettura");
  // No form, no button in the page's content: nothing to change.
  await expect(page.locator("main form")).toHaveCount(0);
  await expect(page.locator("main button")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Registro CSV" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Attestati", exact: true })).toHaveCount(0);
  await page.waitForLoadState("networkidle");
  expect(await viewEvents(planPath)).toBe(before + 1);

  // A client-side navigation (an RSC request, with prefetches around it) is one event too.
  const registerPath = "/admin/reports/participants";
  const beforeRegister = await viewEvents(registerPath);
  await page.getByRole("link", { name: "Registro", exact: true }).first().click();
  await page.waitForURL((u) => u.pathname === registerPath);
  await page.waitForLoadState("networkidle");
  expect(await viewEvents(registerPath)).toBe(beforeRegister + 1);
  await page.close();
});

test("after expires_at the open session ends at the next request and sign-in is refused", async ({ browser }) => {
  const db = await e2eDb();
  const saved = (await db.get<{ e: number }>("SELECT r.expires_at AS e FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.email = ? AND r.role = 'inspector'", [INSPECTOR]))!.e;
  const setExpiry = (e: number) => db.run("UPDATE user_roles SET expires_at = ? WHERE role = 'inspector' AND user_id = (SELECT id FROM users WHERE email = ?)", [e, INSPECTOR]);
  try {
    expect((await request.get(`/admin/plans/${ctx.plan}`, { maxRedirects: 0 })).status()).toBe(200);
    await setExpiry(Math.floor(Date.now() / 1000) - 1);
    const res = await request.get(`/admin/plans/${ctx.plan}`, { maxRedirects: 0 });
    expect(classify(res.status(), res.headers()["location"])).toBe("signin");
    expect((await request.get(`/api/admin/reports/register.csv?course=${PLAN_COURSE}`, { maxRedirects: 0 })).status()).toBe(401);
    const fresh = await browser.newContext();
    const page = await fresh.newPage();
    await attemptSignIn(page, INSPECTOR);
    await expect(page.locator("main").getByRole("alert")).toContainText("disattivato");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await fresh.close();
  } finally {
    await setExpiry(saved);
  }
});

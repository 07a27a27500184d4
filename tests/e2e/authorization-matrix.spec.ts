import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { databaseFingerprint as fingerprint, e2eDb, ensureLearner, signIn } from "./support/helpers";

/**
 * Every page and route handler of the app × every kind of caller, from the file tree: a new
 * route without an entry here fails the first test. Runs in the "isolated" Playwright project,
 * against a server and a database of its own, so the fingerprint checks see only the requests
 * of this file (and of hostile-inputs.spec.ts, which never runs at the same time).
 * Between companies (company A's people with company B's ids): authorization-matrix-isolation.spec.ts.
 */

type Persona = "anonymous" | "learner" | "otherLearner" | "trainer" | "admin" | "deactivated";
const PERSONAS: Persona[] = ["anonymous", "learner", "otherLearner", "trainer", "admin", "deactivated"];
/** 200 OK (or 201), a redirect to sign-in, or a refusal status. */
type Outcome = 200 | 201 | "signin" | "privacy" | 400 | 401 | 403 | 404 | 405 | 409 | 422;
type Expect = Record<Persona, Outcome>;

const COURSE = "social-media-basics";
const all = (o: Outcome): Expect => ({ anonymous: o, learner: o, otherLearner: o, trainer: o, admin: o, deactivated: o });
const signedIn = (o: Outcome, anon: Outcome = "signin"): Expect => ({ anonymous: anon, learner: o, otherLearner: o, trainer: o, admin: o, deactivated: anon });
const adminOnly = (anon: Outcome = "signin"): Expect => ({ anonymous: anon, learner: 403, otherLearner: 403, trainer: 403, admin: 200, deactivated: anon });
const learnersOnly = (anon: Outcome = "signin"): Expect => ({ anonymous: anon, learner: 200, otherLearner: 200, trainer: 403, admin: 403, deactivated: anon });
const api = (e: Expect): Expect => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, v === "signin" ? 401 : v])) as Expect;

type Entry = { method?: "GET" | "POST" | "PATCH"; url: (ctx: Ctx) => string; body?: (ctx: Ctx) => unknown; form?: Record<string, string>; headers?: Record<string, string>; expect: Expect; note?: string };
/**
 * Read from the database once per worker (beforeAll): `adminPlanId` a funding plan of the demo admin's company,
 * `adminPlanParticipantId` a participant of it (the demo learner, enrolled by the plan's rule for everyone),
 * `otherCompanyPlanId` a funding plan of another company than the demo admin's.
 */
type Ctx = { otherAttemptId: number; certificateCode: string; someUserId: number; outboxId: number; adminPlanId: number; adminPlanParticipantId: number; otherCompanyPlanId: number };

/** Keyed by the file that defines the route. */
const PAGES: Record<string, Entry> = {
  "app/[locale]/page.tsx": { url: () => "/", expect: { ...signedIn(200), anonymous: "signin", deactivated: "signin" }, note: "redirects each role to its landing page" },
  "app/[locale]/[...rest]/page.tsx": { url: () => "/no-such-page", expect: all(404) },
  "app/[locale]/access-denied/page.tsx": { url: () => "/access-denied", expect: all(403) },
  "app/[locale]/page-not-found/page.tsx": { url: () => "/page-not-found", expect: all(404), note: "prerendered; the lesson route's 404" },
  "app/[locale]/(auth)/sign-in/page.tsx": { url: () => "/sign-in", expect: { ...signedIn(200), anonymous: 200, deactivated: 200 }, note: "signed-in users are sent on to their landing page" },
  "app/[locale]/(auth)/privacy/page.tsx": { url: () => "/privacy", expect: signedIn(200) },
  "app/[locale]/(auth)/forgot-password/page.tsx": { url: () => "/forgot-password", expect: all(200) },
  "app/[locale]/(auth)/invite/[token]/page.tsx": { url: () => "/invite/not-a-real-token", expect: all(200), note: "shows 'link not valid'" },
  "app/[locale]/(auth)/reset-password/[token]/page.tsx": { url: () => "/reset-password/not-a-real-token", expect: all(200), note: "shows 'link not valid'" },
  "app/[locale]/verify/page.tsx": { url: () => "/verify", expect: all(200) },
  "app/[locale]/verify/[code]/page.tsx": { url: (c) => `/verify/${c.certificateCode}`, expect: all(200), note: "public by design; no codice fiscale" },
  "app/[locale]/(app)/courses/page.tsx": { url: () => "/courses", expect: learnersOnly() },
  "app/[locale]/(lesson)/courses/[course]/page.tsx": {
    url: () => `/courses/${COURSE}`,
    expect: learnersOnly(),
    note: "prerendered frame; served only through app/courses/[course]/route.ts, which fills in the learner's page",
  },
  "app/[locale]/(app)/courses/[course]/quiz/[quiz]/page.tsx": { url: () => `/courses/${COURSE}/quiz/already-online-check`, expect: learnersOnly() },
  "app/[locale]/(app)/courses/[course]/policy/page.tsx": { url: () => "/courses/lavoro-e-social-media/policy", expect: learnersOnly() },
  "app/[locale]/(lesson)/courses/[course]/[lesson]/page.tsx": {
    url: () => `/courses/${COURSE}/already-online`,
    expect: learnersOnly(),
    note: "prerendered; served only through app/courses/[course]/[lesson]/route.ts (lessons.spec checks the prefixed URL cannot bypass it)",
  },
  "app/[locale]/(app)/me/page.tsx": { url: () => "/me", expect: signedIn(200) },
  "app/[locale]/(app)/trainer/page.tsx": { url: () => "/trainer", expect: { ...adminOnly(), trainer: 200 } },
  "app/[locale]/(app)/trainer/courses/[course]/[lesson]/page.tsx": { url: () => `/trainer/courses/${COURSE}/next-steps`, expect: { ...adminOnly(), trainer: 200 } },
  "app/[locale]/(app)/trainer/lms-export/[course]/page.tsx": { url: () => `/trainer/lms-export/${COURSE}`, expect: { ...adminOnly(), trainer: 200 } },
  "app/[locale]/(app)/trainer/analytics/[course]/page.tsx": { url: () => `/trainer/analytics/${COURSE}`, expect: { ...adminOnly(), trainer: 200 }, note: "aggregates only" },
  "app/[locale]/(app)/admin/analytics/[course]/page.tsx": { url: () => `/admin/analytics/${COURSE}`, expect: adminOnly(), note: "aggregates of groups of 5 or more" },
  "app/[locale]/(app)/admin/page.tsx": { url: () => "/admin", expect: { ...adminOnly(), admin: 200 }, note: "redirects to /admin/people" },
  "app/[locale]/(app)/admin/people/page.tsx": { url: () => "/admin/people", expect: adminOnly() },
  "app/[locale]/(app)/admin/people/[id]/page.tsx": { url: (c) => `/admin/people/${c.someUserId}`, expect: adminOnly() },
  "app/[locale]/(app)/admin/people/new/page.tsx": { url: () => "/admin/people/new", expect: adminOnly() },
  "app/[locale]/(app)/admin/people/import/page.tsx": { url: () => "/admin/people/import", expect: adminOnly() },
  "app/[locale]/(app)/admin/company/page.tsx": { url: () => "/admin/company", expect: adminOnly() },
  "app/[locale]/(app)/admin/company/sso/page.tsx": { url: () => "/admin/company/sso", expect: adminOnly(), note: "the session's company's SSO settings (sso.spec: each admin sees and changes only theirs)" },
  "app/[locale]/(app)/admin/plans/page.tsx": { url: () => "/admin/plans", expect: adminOnly() },
  "app/[locale]/(app)/admin/plans/new/page.tsx": { url: () => "/admin/plans/new", expect: adminOnly() },
  "app/[locale]/(app)/admin/plans/[id]/page.tsx": { url: (c) => `/admin/plans/${c.adminPlanId}`, expect: adminOnly(), note: "a plan of the demo admin's company" },
  "app/[locale]/(app)/admin/enrolments/page.tsx": { url: () => "/admin/enrolments", expect: adminOnly() },
  "app/[locale]/(app)/admin/reports/page.tsx": { url: () => "/admin/reports", expect: adminOnly() },
  "app/[locale]/(app)/admin/reports/participants/page.tsx": { url: () => `/admin/reports/participants?course=${COURSE}`, expect: adminOnly() },
  "app/[locale]/(app)/admin/reports/participants/[userId]/page.tsx": { url: (c) => `/admin/reports/participants/${c.someUserId}?course=${COURSE}`, expect: adminOnly() },
  "app/[locale]/(app)/admin/certificates/page.tsx": { url: () => `/admin/certificates?course=lavoro-e-social-media`, expect: adminOnly() },
  "app/[locale]/(app)/admin/outbox/page.tsx": { url: () => "/admin/outbox", expect: adminOnly() },
  "app/[locale]/(app)/admin/outbox/[id]/page.tsx": { url: (c) => `/admin/outbox/${c.outboxId}`, expect: adminOnly() },
  "app/[locale]/(app)/admin/reminders/page.tsx": { url: () => "/admin/reminders", expect: adminOnly() },
  "app/[locale]/(app)/admin/companies/page.tsx": { url: () => "/admin/companies", expect: { ...adminOnly(), admin: 403 }, note: "provider admins only (companies:manage); the company admin gets the 403 page" },
  "app/[locale]/(app)/admin/companies/new/page.tsx": { url: () => "/admin/companies/new", expect: { ...adminOnly(), admin: 403 }, note: "provider admins only (companies:manage)" },
};

const ROUTES: Record<string, Entry[]> = {
  "app/api/health/route.ts": [{ url: () => "/api/health", expect: all(200) }],
  "app/api/locale/route.ts": [{ method: "POST", url: () => "/api/locale", form: { locale: "it" }, expect: all(200), note: "public: only sets the language cookie, then 303 back" }],
  "app/courses/[course]/route.ts": [{ url: () => `/courses/${COURSE}`, expect: learnersOnly() }],
  "app/api/sign-out/route.ts": [
    { method: "POST", url: () => "/api/sign-out", headers: { origin: "http://elsewhere.example" }, expect: all(403), note: "from another site: refused (signing out itself: lessons.spec)" },
  ],
  "app/courses/[course]/[lesson]/route.ts": [
    { url: () => `/courses/${COURSE}/already-online`, expect: learnersOnly() },
    { url: () => `/courses/${COURSE}/next-steps`, expect: { ...learnersOnly(), learner: 404, otherLearner: 404 }, note: "a draft lesson" },
  ],
  "app/api/auth/[...nextauth]/route.ts": [{ url: () => "/api/auth/csrf", expect: all(200), note: "Auth.js endpoints are public by design" }],
  "app/api/bench/noop/route.ts": [
    { url: () => "/api/bench/noop", expect: all(404), note: "exists only under npm run bench" },
    { method: "POST", url: () => "/api/bench/noop", body: () => ({}), expect: all(404), note: "exists only under npm run bench" },
  ],
  "app/api/admin/people/route.ts": [{ url: () => "/api/admin/people", expect: api(adminOnly()) }],
  "app/api/admin/people/[id]/route.ts": [{ method: "PATCH", url: (c) => `/api/admin/people/${c.someUserId}`, body: () => ({ active: true }), expect: api(adminOnly()) }],
  "app/api/admin/people/[id]/invite/route.ts": [
    { method: "POST", url: (c) => `/api/admin/people/${c.someUserId}/invite`, body: () => ({}), expect: { ...api(adminOnly()), admin: 409 }, note: "the person already has a password" },
  ],
  "app/api/admin/people/import/route.ts": [{ method: "POST", url: () => "/api/admin/people/import", expect: { ...api(adminOnly()), admin: 400 } }],
  "app/api/admin/reports/[file]/route.ts": [
    { url: () => `/api/admin/reports/register.csv?course=${COURSE}`, expect: api(adminOnly()) },
    { url: () => `/api/admin/reports/sessions.xlsx`, expect: api(adminOnly()) },
  ],
  "app/api/trainer/item-analysis.csv/route.ts": [
    { url: () => `/api/trainer/item-analysis.csv?course=${COURSE}`, expect: api({ ...adminOnly(), trainer: 200 }) },
    { url: () => `/api/trainer/item-analysis.csv?course=${COURSE}&from=2026-13-01`, expect: { ...api(adminOnly()), trainer: 422, admin: 422 }, note: "invalid date" },
  ],
  "app/api/admin/analytics/[file]/route.ts": [
    { url: () => `/api/admin/analytics/misconceptions.csv?course=${COURSE}`, expect: api(adminOnly()) },
    { url: () => `/api/admin/analytics/misconceptions.xlsx?course=${COURSE}&to=2026-02-30`, expect: { ...api(adminOnly()), admin: 422 }, note: "invalid date" },
  ],
  "app/api/admin/certificates.zip/route.ts": [{ url: () => "/api/admin/certificates.zip?course=lavoro-e-social-media", expect: api(adminOnly()) }],
  "app/api/admin/plans/[planId]/register.pdf/route.ts": [
    { url: (c) => `/api/admin/plans/${c.adminPlanId}/register.pdf`, expect: api(adminOnly()), note: "plans:dossier" },
    { url: () => "/api/admin/plans/abc/register.pdf", expect: { ...api(adminOnly()), admin: 400 }, note: "malformed plan id" },
  ],
  "app/api/admin/plans/[planId]/participants/[userId]/register.pdf/route.ts": [
    { url: (c) => `/api/admin/plans/${c.adminPlanId}/participants/${c.adminPlanParticipantId}/register.pdf`, expect: api(adminOnly()) },
    { url: (c) => `/api/admin/plans/${c.adminPlanId}/participants/999999/register.pdf`, expect: { ...api(adminOnly()), admin: 404 }, note: "not a participant of the plan" },
  ],
  "app/api/admin/plans/[planId]/declaration.pdf/route.ts": [{ url: (c) => `/api/admin/plans/${c.adminPlanId}/declaration.pdf`, expect: api(adminOnly()) }],
  "app/api/admin/plans/[planId]/course-file.pdf/route.ts": [{ url: (c) => `/api/admin/plans/${c.adminPlanId}/course-file.pdf`, expect: api(adminOnly()) }],
  "app/api/admin/plans/[planId]/dossier.zip/route.ts": [
    {
      url: (c) => `/api/admin/plans/${c.otherCompanyPlanId}/dossier.zip`,
      expect: { ...api(adminOnly()), admin: 404 },
      note: "another company's plan; the admin's own dossier (a minute of PDFs on the demo plan) is downloaded and checked in dossier-zip.spec",
    },
    { url: () => "/api/admin/plans/abc/dossier.zip", expect: { ...api(adminOnly()), admin: 400 } },
  ],
  "app/api/trainer/courses/[course]/lms-package/route.ts": [
    { url: () => `/api/trainer/courses/${COURSE}/lms-package?format=scorm12&locale=it`, expect: { ...api(adminOnly()), trainer: 200 }, note: "the package holds the answer key: never for learners" },
    { url: () => `/api/trainer/courses/${COURSE}/lms-package?format=scorm13&locale=it`, expect: { ...api(adminOnly()), admin: 422, trainer: 422 } },
    { url: () => "/api/trainer/courses/no-such-course/lms-package?format=cmi5&locale=en", expect: { ...api(adminOnly()), admin: 404, trainer: 404 } },
  ],
  "app/api/certificates/[file]/route.ts": [
    { url: (c) => `/api/certificates/${c.certificateCode}.pdf`, expect: { ...all(404), admin: 200 }, note: "the owner is the demo learner, tested elsewhere; others get 404, not 403" },
  ],
  "app/api/content/[course]/assets/[file]/route.ts": [{ url: () => `/api/content/${COURSE}/assets/audience-circles.png`, expect: signedIn(200, 401) }],
  "app/api/me/export/route.ts": [
    { method: "POST", url: () => "/api/me/export", expect: signedIn(200, 401) },
    { url: () => "/api/me/export", expect: all(405), note: "a download that is recorded is a POST" },
  ],
  "app/api/heartbeat/route.ts": [
    { method: "POST", url: () => "/api/heartbeat", body: () => ({ courseSlug: "lavoro-e-social-media", lessonSlug: "reputazione" }), expect: { ...api(learnersOnly()), learner: 409, otherLearner: 409 }, note: "never opened: no credit" },
  ],
  "app/api/progress/route.ts": [
    { method: "POST", url: () => "/api/progress", body: () => ({ courseSlug: "lavoro-e-social-media", lessonSlug: "reputazione", action: "complete" }), expect: { ...api(learnersOnly()), learner: 409, otherLearner: 409 }, note: "locked by the forced sequence" },
  ],
  "app/api/exercises/attempts/route.ts": [
    {
      method: "POST",
      url: () => "/api/exercises/attempts",
      body: () => ({ courseSlug: "lavoro-e-social-media", exerciseId: "no-such-exercise", selected: [] }),
      expect: { ...api(learnersOnly()), learner: 404, otherLearner: 404 },
      note: "graded and stored only for an exercise of a lesson the learner can open",
    },
  ],
  "app/api/presence-checks/[id]/route.ts": [
    { method: "POST", url: () => "/api/presence-checks/999999999", body: () => ({ answer: 7 }), expect: { ...api(learnersOnly()), learner: 404, otherLearner: 404 }, note: "a learner's own question only; unknown or someone else's is not found" },
  ],
  "app/api/quiz/attempts/route.ts": [
    { method: "POST", url: () => "/api/quiz/attempts", body: () => ({ courseSlug: "lavoro-e-social-media", quizId: "final" }), expect: { ...api(learnersOnly()), learner: 409, otherLearner: 409 }, note: "lessons not completed" },
  ],
  "app/api/quiz/attempts/[id]/review/route.ts": [
    { url: (c) => `/api/quiz/attempts/${c.otherAttemptId}/review`, expect: { ...api(learnersOnly()), learner: 404, otherLearner: 409 }, note: "someone else's attempt is not found; the owner's is not submitted yet" },
  ],
  // SCIM answers only to a company's bearer token (tests/e2e/scim.spec.ts): a session cookie, any role's, authorizes nothing.
  "app/scim/v2/Users/route.ts": [
    { url: () => "/scim/v2/Users", expect: all(401), note: "bearer token only" },
    { method: "POST", url: () => "/scim/v2/Users", body: () => ({ userName: "matrix.scim@example.com" }), expect: all(401) },
  ],
  "app/scim/v2/Users/[id]/route.ts": [
    { url: (c) => `/scim/v2/Users/${c.someUserId}`, expect: all(401) },
    { method: "PATCH", url: (c) => `/scim/v2/Users/${c.someUserId}`, body: () => ({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "active", value: false }] }), expect: all(401) },
  ],
  "app/scim/v2/Groups/route.ts": [{ url: () => "/scim/v2/Groups", expect: all(401) }],
  "app/scim/v2/Groups/[id]/route.ts": [{ url: () => "/scim/v2/Groups/1", expect: all(401) }],
  "app/scim/v2/ServiceProviderConfig/route.ts": [{ url: () => "/scim/v2/ServiceProviderConfig", expect: all(401) }],
  "app/scim/v2/ResourceTypes/route.ts": [{ url: () => "/scim/v2/ResourceTypes", expect: all(401) }],
  "app/scim/v2/Schemas/route.ts": [{ url: () => "/scim/v2/Schemas", expect: all(401) }],
  "app/api/quiz/attempts/[id]/submit/route.ts": [
    { method: "POST", url: (c) => `/api/quiz/attempts/${c.otherAttemptId}/submit`, body: () => ({ answers: {} }), expect: { ...api(learnersOnly()), learner: 404, otherLearner: 422 }, note: "someone else's attempt is not found; the owner's empty answers are invalid" },
  ],
};

function listFiles(dir: string, name: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p, name) : e.name === name ? [p.split(path.sep).join("/")] : [];
  });
}

const requests = new Map<Persona, APIRequestContext>();
let ctx: Ctx;

async function personaRequest(browser: Browser, persona: Persona, email?: string): Promise<APIRequestContext> {
  const context = await browser.newContext();
  if (email) {
    const page = await context.newPage();
    await signIn(page, email);
    await page.close();
  }
  return context.request;
}

test("every page and route handler in app/ has an entry in the matrix", () => {
  const pages = listFiles("app", "page.tsx");
  const routes = listFiles("app", "route.ts");
  expect(pages.filter((p) => !PAGES[p]), "pages without a matrix entry").toEqual([]);
  expect(routes.filter((r) => !ROUTES[r]), "route handlers without a matrix entry").toEqual([]);
  expect(Object.keys(PAGES).filter((p) => !pages.includes(p)), "entries for pages that no longer exist").toEqual([]);
  expect(Object.keys(ROUTES).filter((r) => !routes.includes(r)), "entries for routes that no longer exist").toEqual([]);
});

/**
 * The callers, signed in once per worker. Not a test of its own: after a failed test the rest
 * of the file carries on in a new worker, which runs this again (it finds the people it made
 * before, reactivates the deactivated one to sign them in, and resumes learner B's attempt).
 */
test.beforeAll(async ({ browser }) => {
  test.setTimeout(90_000);
  await ensureLearner("matrix.a@example.com", "Alba", "Matrice");
  await ensureLearner("matrix.b@example.com", "Bruno", "Matrice");
  const deactivatedId = await ensureLearner("matrix.off@example.com", "Dario", "Disattivato");
  requests.set("admin", await personaRequest(browser, "admin", "admin@example.com"));
  expect((await requests.get("admin")!.patch(`/api/admin/people/${deactivatedId}`, { data: { active: true } })).status()).toBe(200);
  requests.set("anonymous", await personaRequest(browser, "anonymous"));
  requests.set("learner", await personaRequest(browser, "learner", "matrix.a@example.com"));
  requests.set("otherLearner", await personaRequest(browser, "otherLearner", "matrix.b@example.com"));
  requests.set("trainer", await personaRequest(browser, "trainer", "trainer@example.com"));
  requests.set("deactivated", await personaRequest(browser, "deactivated", "matrix.off@example.com"));
  // Deactivated after signing in: their cookie is still well-formed, and must open nothing.
  expect((await requests.get("admin")!.patch(`/api/admin/people/${deactivatedId}`, { data: { active: false } })).status()).toBe(200);

  // Learner B opens an attempt that learner A will try to submit (resumed when this runs again).
  const b = requests.get("otherLearner")!;
  expect((await b.post("/api/progress", { data: { courseSlug: COURSE, lessonSlug: "already-online", action: "open" } })).status()).toBe(200);
  const start = await b.post("/api/quiz/attempts", { data: { courseSlug: COURSE, quizId: "already-online-check" } });
  expect([200, 201]).toContain(start.status());
  const db = await e2eDb();
  const cert = (await db.get<{ code: string }>("SELECT code FROM certificates ORDER BY id LIMIT 1"))!;
  const someUser = (await db.get<{ id: number }>("SELECT id FROM users WHERE email = 'learner@example.com'"))!;
  // A mail of the admin's company: the outbox is read inside the session's company.
  const outbox = (await db.get<{ id: number }>(
    "INSERT INTO outbox (to_address, subject, text, html, kind, company_id) VALUES ('x@example.com', 'Prova', 'testo', '<p>testo</p>', 'test', (SELECT company_id FROM users WHERE email = 'admin@example.com')) RETURNING id",
  ))!;
  const adminPlan = (await db.get<{ id: number }>(
    "SELECT fp.id FROM funding_plans fp JOIN users u ON u.company_id = fp.company_id WHERE u.email = 'admin@example.com' ORDER BY fp.id LIMIT 1",
  ))!;
  const participant = (await db.get<{ id: number }>(
    "SELECT user_id AS id FROM effective_enrolments e JOIN users u ON u.id = e.user_id WHERE u.email = 'learner@example.com' AND e.plan_id = ?",
    [adminPlan.id],
  ))!;
  const otherPlan = (await db.get<{ id: number }>(
    "SELECT id FROM funding_plans WHERE company_id <> (SELECT company_id FROM users WHERE email = 'admin@example.com') ORDER BY id LIMIT 1",
  ))!;
  ctx = {
    otherAttemptId: ((await start.json()) as { attemptId: number }).attemptId,
    certificateCode: cert.code,
    someUserId: someUser.id,
    outboxId: outbox.id,
    adminPlanId: adminPlan.id,
    adminPlanParticipantId: participant.id,
    otherCompanyPlanId: otherPlan.id,
  };
});

function classify(status: number, location: string | undefined): Outcome | number {
  if (status >= 300 && status < 400 && location) {
    if (location.includes("/sign-in")) return "signin";
    if (location.includes("/privacy")) return "privacy";
    return 200; // a landing-page redirect: the caller was let through
  }
  return status as Outcome;
}

const refused = (o: Outcome) => o !== 200 && o !== 201;

for (const [file, entry] of Object.entries(PAGES)) {
  test(`page ${file}`, async () => {
    for (const persona of PERSONAS) {
      const before = refused(entry.expect[persona]) ? await fingerprint() : null;
      const res = await requests.get(persona)!.get(entry.url(ctx), { maxRedirects: 0 });
      expect(classify(res.status(), res.headers()["location"]), `${persona} GET ${entry.url(ctx)}`).toBe(entry.expect[persona]);
      if (before) expect(await fingerprint(), `${persona} GET ${entry.url(ctx)} changed the database`).toBe(before);
    }
  });
}

for (const [file, entries] of Object.entries(ROUTES)) {
  test(`route ${file}`, async () => {
    for (const entry of entries) {
      for (const persona of PERSONAS) {
        const r = requests.get(persona)!;
        const url = entry.url(ctx);
        const before = refused(entry.expect[persona]) ? await fingerprint() : null;
        const method = entry.method ?? "GET";
        const res = await r.fetch(url, { method, headers: entry.headers, ...(entry.form ? { form: entry.form } : { data: entry.body?.(ctx) }), maxRedirects: 0 });
        expect(classify(res.status(), res.headers()["location"]), `${persona} ${method} ${url}`).toBe(entry.expect[persona]);
        if (before) expect(await fingerprint(), `${persona} ${method} ${url} changed the database`).toBe(before);
      }
    }
  });
}

test("learner A cannot read learner B's attempt through the quiz page either", async () => {
  const res = await requests.get("learner")!.get(`/courses/${COURSE}/quiz/already-online-check?attempt=${ctx.otherAttemptId}`);
  expect(res.status()).toBe(404);
  const own = await requests.get("otherLearner")!.get(`/courses/${COURSE}/quiz/already-online-check?attempt=${ctx.otherAttemptId}`);
  expect(own.status()).toBe(200);
  const exportA = (await (await requests.get("learner")!.post("/api/me/export")).json()) as { profile: { email: string }; quizAttempts: unknown[] };
  expect(exportA.profile.email).toBe("matrix.a@example.com");
  expect(exportA.quizAttempts).toEqual([]);
});

/**
 * Every server action in the build (from Next's server-reference manifest), with the check it
 * runs first. A new action without an entry fails; each is then called directly, without a
 * session, and must change nothing.
 */
const ACTIONS: Record<string, string> = {
  "lib/auth/sign-out-action.ts#signOutAction": "any session (ends it)",
  "app/[locale]/(auth)/sign-in/actions.ts#signInAction": "public: the sign-in itself (rate limited)",
  "app/[locale]/(auth)/sign-in/actions.ts#continueAction": "public: the sign-in's e-mail step (the answer depends on the domain alone)",
  "app/[locale]/(auth)/privacy/actions.ts#acknowledgePrivacyAction": "signed-in",
  "app/[locale]/(auth)/forgot-password/actions.ts#requestLinkAction": "public: same answer whether or not the account exists (rate limited)",
  "app/[locale]/(auth)/invite/[token]/actions.ts#acceptInvitationAction": "public: needs a valid one-time token",
  "app/[locale]/(auth)/reset-password/[token]/actions.ts#resetPasswordAction": "public: needs a valid one-time token",
  "app/[locale]/(app)/courses/[course]/quiz/[quiz]/actions.ts#startAttemptAction": "courses:learn",
  "app/[locale]/(app)/courses/[course]/quiz/[quiz]/actions.ts#submitAttemptAction": "courses:learn (own attempt only)",
  "app/[locale]/(app)/courses/[course]/policy/actions.ts#acknowledgePolicyAction": "courses:learn",
  "app/[locale]/(app)/admin/people/actions.ts#setActiveAction": "people:manage",
  "app/[locale]/(app)/admin/people/[id]/actions.ts#saveProfileAction": "people:manage",
  "app/[locale]/(app)/admin/people/[id]/actions.ts#grantTestTimeAction": "people:manage",
  "app/[locale]/(app)/admin/people/import/actions.ts#confirmImportAction": "people:manage",
  "app/[locale]/(app)/admin/company/actions.ts#saveCompanyAction": "people:manage",
  "app/[locale]/(app)/admin/enrolments/actions.ts#assignCourseAction": "people:manage",
  "app/[locale]/(app)/admin/enrolments/actions.ts#editRuleAction": "people:manage",
  "app/[locale]/(app)/admin/enrolments/actions.ts#removeRuleAction": "people:manage",
  "app/[locale]/(app)/admin/company/actions.ts#saveCompanyTextsAction": "people:manage",
  "app/[locale]/(app)/admin/company/actions.ts#saveLogoAction": "company:manage",
  "app/[locale]/(app)/admin/company/actions.ts#addDepartmentAction": "company:manage",
  "app/[locale]/(app)/admin/company/actions.ts#moveDepartmentAction": "company:manage",
  "app/[locale]/(app)/admin/company/actions.ts#createScimTokenAction": "scim:manage",
  "app/[locale]/(app)/admin/company/sso/actions.ts#saveSsoAction": "company:manage",
  "app/[locale]/(app)/admin/plans/actions.ts#savePlanAction": "company:manage",
  "app/[locale]/(app)/admin/plans/inspector-actions.ts#grantInspectorAction": "company:manage",
  "app/[locale]/(app)/admin/plans/inspector-actions.ts#revokeInspectorAction": "company:manage",
  "app/[locale]/(app)/admin/certificates/actions.ts#revokeCertificateAction": "certificates:manage",
  "app/[locale]/(app)/admin/outbox/actions.ts#inviteByEmailAction": "people:manage",
  "app/[locale]/(app)/admin/outbox/actions.ts#inviteByIdAction": "people:manage",
  "app/[locale]/(app)/admin/outbox/actions.ts#revealOutboxLinkAction": "outbox:read",
  "app/[locale]/(app)/admin/reminders/actions.ts#runRemindersAction": "people:manage",
  "lib/companies/switch-action.ts#switchCompanyAction": "companies:manage",
  "app/[locale]/(app)/admin/companies/new/actions.ts#createCompanyAction": "companies:manage",
};

function manifestActions(): { id: string; key: string }[] {
  const manifest = JSON.parse(fs.readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, a]) => ({ id, key: `${a.filename}#${a.exportedName}` }));
}

test("every server action in the build has an entry, and none changes anything when called without a session", async () => {
  const actions = manifestActions();
  expect(actions.map((a) => a.key).filter((k) => !ACTIONS[k]), "server actions without an entry").toEqual([]);
  const anonymous = requests.get("anonymous")!;
  for (const action of actions) {
    if (ACTIONS[action.key]!.startsWith("public")) continue;
    const before = await fingerprint();
    const res = await anonymous.post("/courses", {
      headers: { "Next-Action": action.id, "Content-Type": "text/plain;charset=UTF-8" },
      data: "[]",
      maxRedirects: 0,
    });
    expect(res.status(), action.key).toBeLessThan(500);
    expect(await fingerprint(), `${action.key} changed the database`).toBe(before);
  }
});

import { expect, type APIRequestContext, type Page } from "@playwright/test";
import type { SqlValue } from "@/db/engine/types";
import { createInvitee, createLearner, latestLink, signIn } from "../e2e/support/helpers";
import { learnerWithPresenceChecks, untilAsked } from "../e2e/support/presence";

/**
 * Every page of the app (each `page.tsx` under app/, keyed by its file: a new page without an
 * entry fails coverage.spec.ts) with the states each role reaches on it. A state's `go` brings
 * a page signed in as the role into that state and checks it got there; `capture` then takes
 * the screenshots and runs the checks. States of one role run in this order.
 */

export const ROLES = ["anonymous", "learner", "completed", "trainer", "admin", "provider", "manager", "inspector"] as const;
export type Role = (typeof ROLES)[number];

/** The demo accounts (README) each role signs in as; `completed` has finished the course and holds a certificate. */
export const ROLE_ACCOUNTS: Record<Exclude<Role, "anonymous">, string> = {
  learner: "learner@example.com",
  completed: "davide.marino@example.com",
  trainer: "trainer@example.com",
  admin: "admin@example.com",
  /** The training provider's admin: every company, the overview and the switcher. */
  provider: "ente@example.com",
  /** A department manager: the progress of their department subtree. */
  manager: "responsabile@example.com",
  /** A fund's auditor: read-only on one plan of Officine Demo. */
  inspector: "ispettore@example.com",
};

export type Ctx = {
  /** A page in a fresh context signed in as the role (anonymous: no session). */
  page: Page;
  /** A page in another fresh context, with no session. */
  newPage(): Promise<Page>;
  /** HTTP as the demo admin, to set up what a state needs (an invitation…). */
  admin(): Promise<APIRequestContext>;
  /** The first row a query finds in the server's database (read only: to find what a state opens); missing is an error. */
  one<T>(sql: string, params?: SqlValue[]): Promise<T>;
};

export type State = {
  role: Role;
  state: string;
  /** Italian unless said. */
  locale?: "en";
  /** Brings the page into the state; returns another page when the state lives there. */
  go(ctx: Ctx): Promise<Page | void>;
  /** Run before axe (not before the screenshots): removes what axe cannot scan. */
  beforeAxe?(page: Page): Promise<void>;
};

export type PageEntry = { states: State[]; note?: string };

const COURSE = "lavoro-e-social-media";
const FIRST_LESSON = "azienda-gia-online";
const THIRD_LESSON = "niente-e-privato";
const FIRST_CHECK = "l01-check";
const FINAL = "final";

/** Opens a URL and checks its status: a state that silently became another page is not captured. */
async function open(page: Page, url: string, status = 200): Promise<void> {
  const res = await page.goto(url);
  expect(res?.status(), url).toBe(status);
  await expect(page.locator("h1").first()).toBeVisible();
}

/** The first form in the page's main content, submitted as it is. */
async function submitMainForm(page: Page, form = page.locator("main form").first()): Promise<void> {
  await form.locator('button[type="submit"]').first().click();
}

/** A form answered with errors: an invalid field or an error message appears. */
async function expectErrors(page: Page): Promise<void> {
  await expect(page.locator('main [aria-invalid="true"], main .alert--error, main .field-error').first()).toBeVisible();
}

const visit =
  (url: string, status = 200) =>
  async ({ page }: Ctx) =>
    open(page, url, status);

/**
 * The page as another demo learner sees it (README: one demo learner per state of the course):
 * `federica.lombardi` half way, `giorgio.rinaldi` out of final-test attempts, `marta.costa` late.
 */
const visitAs = (email: string, url: string) => async (ctx: Ctx) => {
  const page = await ctx.newPage();
  await signIn(page, email);
  await open(page, url);
  return page;
};
const HALF_WAY = "federica.lombardi@example.com";
const OUT_OF_ATTEMPTS = "giorgio.rinaldi@example.com";
const LATE = "marta.costa@example.com";

async function inviteLink(ctx: Ctx): Promise<string> {
  const email = `screens.invite.${Date.now()}@example.com`;
  const id = await createInvitee(email, "Irene", "Invitata");
  const res = await (await ctx.admin()).post(`/api/admin/people/${id}/invite`);
  expect(res.status()).toBe(200);
  return latestLink(email, "invite");
}

async function resetLink(ctx: Ctx, email: string): Promise<string> {
  const page = await ctx.newPage();
  await page.goto("/forgot-password");
  await page.locator('input[name="email"]').fill(email);
  await submitMainForm(page);
  await expect(page.locator('main [role="status"]').first()).not.toBeEmpty();
  await page.context().close();
  return latestLink(email, "reset");
}

async function fillPasswords(page: Page, password: string, confirmation: string): Promise<void> {
  await page.locator('input[name="password"]').fill(password);
  await page.locator('input[name="confirmation"]').fill(confirmation);
  await submitMainForm(page);
  await expectErrors(page);
}

/** The quiz overview's start (or resume) button: the attempt's form opens. */
async function openAttempt(page: Page, quiz: string): Promise<void> {
  await open(page, `/courses/${COURSE}/quiz/${quiz}`);
  await submitMainForm(page);
  await page.waitForURL(/[?&]attempt=\d+/);
  await expect(page.locator("main fieldset").first()).toBeVisible();
}

async function openLesson(page: Page, lesson: string): Promise<void> {
  await open(page, `/courses/${COURSE}/${lesson}`);
  // The progress island has loaded when its button is enabled (or the lesson is already complete).
  await expect(page.locator("main .lesson-progress button, main .lesson-progress a").first()).toBeVisible();
}

/**
 * A learner of a plan that asks presence checks, with the question open over the lesson: the
 * plan's average is a few seconds (tests/e2e/support/presence.ts), so the server asks within
 * seconds of real reading.
 */
const presenceCheckOpen = (locale: "it" | "en") => async (ctx: Ctx) => {
  const email = `presenza.schermate.${locale}@example.com`;
  await learnerWithPresenceChecks(email, 6, COURSE, { first: "Paola", last: "Presenza" });
  const page = await ctx.newPage();
  await signIn(page, email);
  if (locale === "en") await page.context().addCookies([{ name: "NEXT_LOCALE", value: "en", url: new URL(page.url()).origin }]);
  await page.clock.install();
  await openLesson(page, FIRST_LESSON);
  await untilAsked(page);
  await expect(page.getByRole("dialog")).toBeVisible();
  return page;
};

const adminPerson = (email: string) => async (ctx: Ctx) => {
  const { id } = await ctx.one<{ id: number }>("SELECT id FROM users WHERE email = ?", [email]);
  await open(ctx.page, `/admin/people/${id}`);
};

/** The inspector's plan, and another plan of the same company (404 for the inspector). */
const inspectorPlan = async (ctx: Ctx, other = false): Promise<number> =>
  (
    await ctx.one<{ id: number }>(
      `SELECT fp.id FROM funding_plans fp JOIN user_roles r ON r.company_id = fp.company_id AND r.role = 'inspector' JOIN users u ON u.id = r.user_id
        WHERE u.email = ? AND ${other ? "fp.id <> r.plan_id" : "fp.id = r.plan_id"} ORDER BY fp.id LIMIT 1`,
      [ROLE_ACCOUNTS.inspector],
    )
  ).id;

const participant = (email: string) => async (ctx: Ctx) => {
  const { id } = await ctx.one<{ id: number }>("SELECT id FROM users WHERE email = ?", [email]);
  await open(ctx.page, `/admin/reports/participants/${id}?course=${COURSE}`);
};

/** A CSV as an HR office exports it: a good row, a wrong codice fiscale, a missing e-mail, a repeated e-mail. */
const IMPORT_HEADER = "cognome;nome;email;codice_fiscale;reparto;qualifica;tipo_contratto";
const GOOD_ROWS = ["Fontana;Irene;irene.fontana@example.com;FNTRNI91C44F205S;Logistica;Impiegato;Tempo indeterminato"];
const BAD_ROWS = [
  "Barbieri;Nadia;nadia.barbieri@example.com;BRBNDA93T59A944X;Logistica;Impiegato;Tempo determinato",
  "Moretti;Carlo;;MRTCRL86H12L219A;Logistica;Operaio;Tempo determinato",
  "Fontana;Irene;irene.fontana@example.com;FNTRNI91C44F205S;Logistica;Impiegato;Tempo indeterminato",
];
const csv = (rows: string[]) => ({ name: "dipendenti.csv", mimeType: "text/csv", buffer: Buffer.from("\uFEFF" + [IMPORT_HEADER, ...rows].join("\r\n")) });

async function dryRun(page: Page, rows: string[]): Promise<void> {
  await open(page, "/admin/people/import");
  await page.locator('input[type="file"]').setInputFiles(csv(rows));
  await submitMainForm(page, page.locator("main form").filter({ has: page.locator('input[type="file"]') }));
  await expect(page.locator("main table")).toBeVisible();
}

/** Two employees of the company the screenshots create (valid codici fiscali nobody in the demo has). */
const NEW_COMPANY_ROWS = [
  "Bianchi;Anna;anna.bianchi@nuova-meccanica.example;BNCNNA90A41F205W;Vendite;Impiegata;Tempo indeterminato",
  "D'Angelo;Lucia;lucia.dangelo@nuova-meccanica.example;DNGLCU88M52H501Q;Officina;Operaia;Tempo determinato",
];

/** The new-company form as an HR officer at the provider fills it in (a name of its own each time). */
async function fillNewCompany(page: Page): Promise<void> {
  await open(page, "/admin/companies/new");
  await page.locator('input[name="name"]').fill(`Nuova Meccanica ${Date.now() % 100_000} S.r.l.`);
  await page.locator('input[name="taxCode"]').fill("");
  await page.locator('input[name="address"]').fill("Via Emilia Est 120, 41121 Modena");
  await page.locator('input[name="city"]').fill("Modena");
  await page.locator('input[name="legalRepresentative"]').fill("Carla Neri");
  await page.locator('input[name="signerName"]').fill("Carla Neri");
  await page.locator('input[name="signerRole"]').fill("Legale rappresentante");
  await page.locator('select[name="plan_fund"]').selectOption("fondimpresa");
  await page.locator('input[name="plan_title"]').fill("Piano competenze digitali 2027");
  await page.locator('input[name="plan_avviso"]').fill("Avviso 2/2027");
  await page.locator('input[name="plan_protocol"]').fill("AVS/002/27-0145");
  await page.locator('input[name="plan_startsOn"]').fill("2027-01-11");
  await page.locator('input[name="plan_endsOn"]').fill("2027-06-30");
  await page.locator('input[name="plan_courses"]').first().check();
}

async function ownFinalAttempt(ctx: Ctx): Promise<number> {
  const row = await ctx.one<{ id: number }>(
    "SELECT a.id FROM quiz_attempts a JOIN users u ON u.id = a.user_id WHERE u.email = ? AND a.quiz_id = ? AND a.submitted_at IS NOT NULL ORDER BY a.id DESC LIMIT 1",
    [ROLE_ACCOUNTS.completed, FINAL],
  );
  return row.id;
}

const removeMailFrame = async (page: Page) => {
  // axe cannot run inside a frame that forbids scripts (that is the point of the sandbox): it checks the page around it.
  await page.locator("iframe").evaluateAll((frames) => frames.forEach((f) => f.remove()));
};

export const PAGES: Record<string, PageEntry> = {
  "app/[locale]/page.tsx": { note: "only redirects: anonymous to /sign-in, each role to its landing page (captured there)", states: [] },
  "app/[locale]/[...rest]/page.tsx": {
    states: [
      { role: "anonymous", state: "unknown-url", go: visit("/pagina-che-non-esiste", 404) },
      { role: "learner", state: "unknown-url", go: visit("/pagina-che-non-esiste", 404) },
      { role: "inspector", state: "other-plan", go: async (ctx) => open(ctx.page, `/admin/plans/${await inspectorPlan(ctx, true)}`, 404) },
    ],
  },
  "app/[locale]/access-denied/page.tsx": {
    note: "the prerendered 403 the lesson route handler shows a signed-in user who may not learn (the lesson URL keeps the learner's address); inside the signed-in area, the 403 keeps the site header ((app)/forbidden.tsx)",
    states: [
      { role: "trainer", state: "direct", go: visit("/access-denied", 403) },
      { role: "trainer", state: "lesson", go: visit(`/courses/${COURSE}/${FIRST_LESSON}`, 403) },
      { role: "learner", state: "admin-page", go: visit("/admin/people", 403) },
      { role: "trainer", state: "learner-page", go: visit("/courses", 403) },
      { role: "inspector", state: "people-page", go: visit("/admin/people", 403) },
    ],
  },
  "app/[locale]/page-not-found/page.tsx": {
    note: "the prerendered 404 the lesson route handler shows for a lesson the learner has not got",
    states: [
      { role: "learner", state: "direct", go: visit("/page-not-found", 404) },
      { role: "learner", state: "unknown-lesson", go: visit(`/courses/${COURSE}/does-not-exist`, 404) },
    ],
  },
  "app/[locale]/(auth)/sign-in/page.tsx": {
    states: [
      { role: "anonymous", state: "empty", go: visit("/sign-in") },
      {
        role: "anonymous",
        state: "wrong-password",
        go: async ({ page }) => {
          await open(page, "/sign-in");
          await page.locator('input[name="email"]').fill("learner@example.com");
          await submitMainForm(page);
          await page.locator('input[name="password"]').fill("not-the-password");
          await submitMainForm(page);
          await expect(page.locator('main [role="alert"], main .alert--error').first()).toBeVisible();
        },
      },
      { role: "anonymous", state: "empty", locale: "en", go: visit("/sign-in") },
      {
        role: "anonymous",
        state: "password-step",
        go: async ({ page }) => {
          await open(page, "/sign-in");
          await page.locator('input[name="email"]').fill("learner@example.com");
          await submitMainForm(page);
          await expect(page.locator('input[name="password"]')).toBeVisible();
        },
      },
      { role: "anonymous", state: "admin-password", go: visit("/sign-in?password=1") },
      { role: "anonymous", state: "sso-refused", go: visit("/sign-in?sso_error=token") },
      { role: "anonymous", state: "sso-refused", locale: "en", go: visit("/sign-in?sso_error=not_provisioned") },
    ],
  },
  "app/[locale]/(auth)/privacy/page.tsx": {
    states: [
      {
        role: "learner",
        state: "first-sign-in",
        go: async (ctx) => {
          const email = `screens.first.${Date.now()}@example.com`;
          await createLearner(email, "Francesca", "Nuova");
          const page = await ctx.newPage();
          await page.goto("/sign-in");
          await page.locator('input[name="email"]').fill(email);
          await submitMainForm(page);
          await page.locator('input[name="password"]').fill("binomio-demo");
          await submitMainForm(page);
          await page.waitForURL(/\/privacy/);
          await expect(page.locator("h1")).toBeVisible();
          return page;
        },
      },
      { role: "learner", state: "acknowledged", go: visit("/privacy") },
    ],
  },
  "app/[locale]/(auth)/forgot-password/page.tsx": {
    states: [
      { role: "anonymous", state: "empty", go: visit("/forgot-password") },
      {
        role: "anonymous",
        state: "invalid-address",
        go: async ({ page }) => {
          await open(page, "/forgot-password");
          await page.locator('input[name="email"]').fill("non-un-indirizzo");
          await submitMainForm(page);
          await expectErrors(page);
        },
      },
      {
        role: "anonymous",
        state: "sent",
        go: async ({ page }) => {
          await open(page, "/forgot-password");
          await page.locator('input[name="email"]').fill("luca.bianchi@example.com");
          await submitMainForm(page);
          await expect(page.locator('main [role="status"]').first()).not.toBeEmpty();
        },
      },
    ],
  },
  "app/[locale]/(auth)/invite/[token]/page.tsx": {
    states: [
      { role: "anonymous", state: "unknown-link", go: visit("/invite/questo-link-non-esiste") },
      { role: "anonymous", state: "valid", go: async (ctx) => open(ctx.page, await inviteLink(ctx)) },
      {
        role: "anonymous",
        state: "short-password",
        go: async (ctx) => {
          await open(ctx.page, await inviteLink(ctx));
          await fillPasswords(ctx.page, "corta", "corta");
        },
      },
    ],
  },
  "app/[locale]/(auth)/reset-password/[token]/page.tsx": {
    states: [
      { role: "anonymous", state: "unknown-link", go: visit("/reset-password/questo-link-non-esiste") },
      { role: "anonymous", state: "valid", go: async (ctx) => open(ctx.page, await resetLink(ctx, "sara.esposito@example.com")) },
      {
        role: "anonymous",
        state: "passwords-differ",
        go: async (ctx) => {
          await open(ctx.page, await resetLink(ctx, "paolo.ricci@example.com"));
          await fillPasswords(ctx.page, "una frase lunga per entrare", "un'altra frase lunga diversa");
        },
      },
    ],
  },
  "app/[locale]/verify/page.tsx": {
    states: [
      { role: "anonymous", state: "empty", go: visit("/verify") },
      { role: "anonymous", state: "empty", locale: "en", go: visit("/verify") },
    ],
  },
  "app/[locale]/verify/[code]/page.tsx": {
    states: [
      {
        role: "anonymous",
        state: "valid",
        go: async (ctx) => {
          const { code } = await ctx.one<{ code: string }>("SELECT code FROM certificates ORDER BY id LIMIT 1");
          await open(ctx.page, "/verify");
          await ctx.page.locator('input[name="code"]').fill(code);
          await submitMainForm(ctx.page);
          await ctx.page.waitForURL(new RegExp(`/verify/${code}`));
        },
      },
      {
        // Recertification: the demo's Anna holds an expired first certificate and a current one.
        role: "anonymous",
        state: "expired",
        go: async (ctx) => {
          const { code } = await ctx.one<{ code: string }>(
            "SELECT code FROM certificates WHERE revoked_at IS NULL AND expires_at IS NOT NULL AND expires_at <= ? ORDER BY id LIMIT 1",
            [Math.floor(Date.now() / 1000)],
          );
          await open(ctx.page, `/verify/${code}`);
          await expect(ctx.page.getByRole("heading", { level: 2, name: "Attestato scaduto" })).toBeVisible();
          await expect(ctx.page.getByRole("heading", { level: 3, name: "Attestato in corso di validità" })).toBeVisible();
        },
      },
      {
        role: "anonymous",
        state: "unknown-code",
        go: async ({ page }) => {
          await open(page, "/verify");
          await page.locator('input[name="code"]').fill("ZZZZ-ZZZZ-ZZZZ");
          await submitMainForm(page);
          await page.waitForURL(/\/verify\/.+/);
          await expect(page.locator("h1")).toBeVisible();
        },
      },
    ],
  },
  "app/[locale]/(app)/courses/page.tsx": {
    states: [
      { role: "learner", state: "assigned", go: visit("/courses") },
      { role: "learner", state: "late", go: visitAs(LATE, "/courses") },
      { role: "completed", state: "completed", go: visit("/courses") },
    ],
  },
  "app/[locale]/(lesson)/courses/[course]/page.tsx": {
    note: "prerendered frame; app/courses/[course]/route.ts fills in the learner's page after the access check",
    states: [
      { role: "learner", state: "not-started", go: visit(`/courses/${COURSE}`) },
      {
        role: "learner",
        state: "locked-lesson",
        go: async ({ page }) => {
          await page.goto(`/courses/${COURSE}/${THIRD_LESSON}`);
          await page.waitForURL(/[?&]locked=/);
          await expect(page.locator("h1")).toBeVisible();
        },
      },
      {
        role: "learner",
        state: "in-progress",
        go: async ({ page }) => {
          await openLesson(page, FIRST_LESSON);
          await open(page, `/courses/${COURSE}`);
        },
      },
      { role: "learner", state: "in-progress", locale: "en", go: visit(`/courses/${COURSE}`) },
      { role: "learner", state: "half-way", go: visitAs(HALF_WAY, `/courses/${COURSE}`) },
      { role: "learner", state: "late", go: visitAs(LATE, `/courses/${COURSE}`) },
      { role: "learner", state: "not-completed", go: visitAs(OUT_OF_ATTEMPTS, `/courses/${COURSE}`) },
      { role: "completed", state: "completed", go: visit(`/courses/${COURSE}`) },
    ],
  },
  "app/[locale]/(lesson)/courses/[course]/[lesson]/page.tsx": {
    note: "prerendered; served by app/courses/[course]/[lesson]/route.ts after the access check",
    states: [
      { role: "learner", state: "reading", go: async ({ page }) => openLesson(page, FIRST_LESSON) },
      {
        role: "learner",
        state: "marked-complete",
        go: async ({ page }) => {
          await openLesson(page, FIRST_LESSON);
          const complete = page.locator("main .lesson-progress button");
          if (await complete.count()) {
            await complete.first().click();
            await expect(page.locator('main .lesson-progress [role="status"]')).not.toBeEmpty();
          }
        },
      },
      { role: "completed", state: "completed", go: async ({ page }) => openLesson(page, FIRST_LESSON) },
      { role: "learner", state: "presence-check", go: presenceCheckOpen("it") },
      { role: "learner", state: "presence-check", locale: "en", go: presenceCheckOpen("en") },
    ],
  },
  "app/[locale]/(app)/courses/[course]/quiz/[quiz]/page.tsx": {
    states: [
      { role: "learner", state: "lesson-check-intro", go: visit(`/courses/${COURSE}/quiz/${FIRST_CHECK}`) },
      { role: "learner", state: "lesson-check-questions", go: async ({ page }) => openAttempt(page, FIRST_CHECK) },
      {
        role: "learner",
        state: "lesson-check-unanswered",
        go: async ({ page }) => {
          await openAttempt(page, FIRST_CHECK);
          await submitMainForm(page);
          await expectErrors(page);
        },
      },
      {
        role: "learner",
        state: "lesson-check-result",
        go: async ({ page }) => {
          await openAttempt(page, FIRST_CHECK);
          // The first option of every question: a mix of right and wrong answers, as a learner might give.
          for (const question of await page.locator("main fieldset").all()) await question.locator("input").first().check();
          await submitMainForm(page);
          await expect(page.locator('main [role="status"]').first()).toBeVisible();
          await expect(page).not.toHaveURL(/attempt=\d+.*attempt=/);
        },
      },
      { role: "learner", state: "lesson-check-attempts", go: visit(`/courses/${COURSE}/quiz/${FIRST_CHECK}`) },
      { role: "learner", state: "lesson-check-attempts", locale: "en", go: visit(`/courses/${COURSE}/quiz/${FIRST_CHECK}`) },
      { role: "learner", state: "final-locked", go: visit(`/courses/${COURSE}/quiz/${FINAL}`) },
      { role: "learner", state: "final-attempts-used-up", go: visitAs(OUT_OF_ATTEMPTS, `/courses/${COURSE}/quiz/${FINAL}`) },
      { role: "completed", state: "final-attempts", go: visit(`/courses/${COURSE}/quiz/${FINAL}`) },
      { role: "completed", state: "final-passed-review", go: async (ctx) => open(ctx.page, `/courses/${COURSE}/quiz/${FINAL}?attempt=${await ownFinalAttempt(ctx)}`) },
    ],
  },
  "app/[locale]/(app)/courses/[course]/policy/page.tsx": {
    states: [
      { role: "learner", state: "to-acknowledge", go: visit(`/courses/${COURSE}/policy`) },
      { role: "completed", state: "acknowledged", go: visit(`/courses/${COURSE}/policy`) },
    ],
  },
  "app/[locale]/(app)/me/page.tsx": {
    states: [
      { role: "learner", state: "in-progress", go: visit("/me") },
      { role: "learner", state: "in-progress", locale: "en", go: visit("/me") },
      { role: "learner", state: "not-completed", go: visitAs(OUT_OF_ATTEMPTS, "/me") },
      { role: "completed", state: "certificate", go: visit("/me") },
      { role: "trainer", state: "no-courses", go: visit("/me") },
      { role: "admin", state: "no-courses", go: visit("/me") },
    ],
  },
  "app/[locale]/(app)/trainer/page.tsx": {
    states: [
      { role: "trainer", state: "content", go: visit("/trainer") },
      { role: "completed", state: "content", go: visit("/trainer") },
      { role: "admin", state: "content", go: visit("/trainer") },
    ],
  },
  "app/[locale]/(app)/trainer/courses/[course]/[lesson]/page.tsx": {
    states: [
      { role: "trainer", state: "preview", go: visit(`/trainer/courses/${COURSE}/${FIRST_LESSON}`) },
      { role: "admin", state: "preview", go: visit(`/trainer/courses/${COURSE}/${FIRST_LESSON}`) },
    ],
  },
  "app/[locale]/(app)/trainer/analytics/[course]/page.tsx": {
    // Admins open it too and see the same page under their own header (captured on every admin
    // page): at ~80,000 px its screenshots and scans cost over two minutes on a loaded machine.
    states: [{ role: "trainer", state: "course", go: visit(`/trainer/analytics/${COURSE}`) }],
  },
  "app/[locale]/(app)/trainer/lms-export/[course]/page.tsx": {
    states: [
      { role: "trainer", state: "course", go: visit(`/trainer/lms-export/${COURSE}`) },
      { role: "admin", state: "course", go: visit(`/trainer/lms-export/${COURSE}`) },
    ],
  },
  "app/[locale]/(app)/admin/analytics/[course]/page.tsx": {
    states: [{ role: "admin", state: "course", go: visit(`/admin/analytics/${COURSE}`) }],
  },
  "app/[locale]/(app)/admin/page.tsx": { note: "only redirects to /admin/people", states: [] },
  "app/[locale]/(app)/admin/people/page.tsx": {
    states: [
      { role: "admin", state: "list", go: visit("/admin/people") },
      { role: "admin", state: "no-results", go: visit("/admin/people?q=zzzzzz") },
      { role: "admin", state: "list", locale: "en", go: visit("/admin/people") },
      { role: "provider", state: "list", go: visit("/admin/people") },
    ],
  },
  "app/[locale]/(app)/admin/people/new/page.tsx": {
    states: [
      { role: "admin", state: "empty", go: visit("/admin/people/new") },
      {
        role: "admin",
        state: "errors",
        go: async ({ page }) => {
          await open(page, "/admin/people/new");
          await page.locator('input[name="email"]').fill("non-un-indirizzo");
          await page.locator('input[name="fiscalCode"]').fill("RSSMRA80A01H501X");
          await submitMainForm(page);
          await expectErrors(page);
        },
      },
    ],
  },
  "app/[locale]/(app)/admin/people/[id]/page.tsx": {
    states: [
      { role: "admin", state: "learner", go: adminPerson(ROLE_ACCOUNTS.learner) },
      {
        role: "admin",
        state: "errors",
        go: async (ctx) => {
          await adminPerson("luca.bianchi@example.com")(ctx);
          await ctx.page.locator('input[name="fiscalCode"]').fill("BNCLCU88A15F839X");
          await submitMainForm(ctx.page);
          await expectErrors(ctx.page);
        },
      },
      { role: "admin", state: "completed", go: adminPerson(ROLE_ACCOUNTS.completed) },
    ],
  },
  "app/[locale]/(app)/admin/people/import/page.tsx": {
    states: [
      { role: "admin", state: "empty", go: visit("/admin/people/import") },
      { role: "admin", state: "dry-run-errors", go: async ({ page }) => dryRun(page, [...GOOD_ROWS, ...BAD_ROWS]) },
      { role: "admin", state: "dry-run-ok", go: async ({ page }) => dryRun(page, GOOD_ROWS) },
      {
        role: "admin",
        state: "applied",
        go: async ({ page }) => {
          await dryRun(page, GOOD_ROWS);
          await submitMainForm(page, page.locator("main section form"));
          await page.waitForURL(/done=1/);
        },
      },
    ],
  },
  "app/[locale]/(app)/admin/company/sso/page.tsx": {
    states: [
      { role: "admin", state: "not-configured", go: visit("/admin/company/sso") },
      {
        role: "admin",
        state: "errors",
        go: async ({ page }) => {
          await open(page, "/admin/company/sso");
          await page.locator('input[name="kind"][value="oidc"]').check();
          await page.locator('input[name="issuer"]').fill("http://login.esempio.it");
          await submitMainForm(page, page.locator("main form").last());
          await expectErrors(page);
        },
      },
      { role: "admin", state: "not-configured", locale: "en", go: visit("/admin/company/sso") },
    ],
  },
  "app/[locale]/(app)/admin/company/page.tsx": {
    states: [
      { role: "admin", state: "filled", go: visit("/admin/company") },
      {
        role: "admin",
        state: "errors",
        go: async ({ page }) => {
          await open(page, "/admin/company");
          await page.locator('input[name="taxCode"]').fill("12345678901");
          await submitMainForm(page);
          await expectErrors(page);
        },
      },
      {
        role: "admin",
        state: "scim-token",
        go: async ({ page }) => {
          await open(page, "/admin/company");
          await page.locator("section#scim button[type=submit]").click();
          await page.getByLabel("Token da incollare nel campo «Secret Token»").waitFor();
          await page.locator("section#scim").scrollIntoViewIfNeeded();
        },
      },
    ],
  },
  "app/[locale]/(app)/admin/plans/page.tsx": {
    states: [{ role: "admin", state: "list", go: visit("/admin/plans") }],
  },
  "app/[locale]/(app)/admin/plans/new/page.tsx": {
    states: [
      { role: "admin", state: "empty", go: visit("/admin/plans/new") },
      {
        role: "admin",
        state: "errors",
        go: async ({ page }) => {
          await open(page, "/admin/plans/new");
          await page.locator('input[name="title"]').fill("Piano formativo 2027");
          await page.locator('input[name="cup"]').fill("ABC123");
          await page.locator('input[name="startsOn"]').fill("2027-03-01");
          await page.locator('input[name="endsOn"]').fill("2027-01-31");
          await submitMainForm(page);
          await expectErrors(page);
        },
      },
    ],
  },
  "app/[locale]/(app)/admin/plans/[id]/page.tsx": {
    states: [
      {
        role: "admin",
        state: "edit",
        go: async (ctx) => {
          const plan = await ctx.one<{ id: number }>("SELECT fp.id FROM funding_plans fp JOIN users u ON u.company_id = fp.company_id WHERE u.email = ? ORDER BY fp.id LIMIT 1", [ROLE_ACCOUNTS.admin]);
          await open(ctx.page, `/admin/plans/${plan.id}`);
        },
      },
      {
        role: "admin",
        state: "inspector-link",
        go: async (ctx) => {
          const plan = await ctx.one<{ id: number }>("SELECT fp.id FROM funding_plans fp JOIN users u ON u.company_id = fp.company_id WHERE u.email = ? ORDER BY fp.id LIMIT 1", [ROLE_ACCOUNTS.admin]);
          await open(ctx.page, `/admin/plans/${plan.id}`);
          const form = ctx.page.locator("main form").filter({ has: ctx.page.locator('input[name="days"]') });
          await form.locator('input[name="email"]').fill(`revisore.${Date.now()}@fondo.example`);
          await form.locator('input[name="days"]').fill("14");
          await submitMainForm(ctx.page, form);
          await expect(ctx.page.locator("#inspector-link")).toHaveValue(/\/invite\//);
        },
      },
      { role: "inspector", state: "read-only", go: async (ctx) => open(ctx.page, `/admin/plans/${await inspectorPlan(ctx)}`) },
      { role: "inspector", state: "read-only", locale: "en", go: async (ctx) => open(ctx.page, `/admin/plans/${await inspectorPlan(ctx)}`) },
    ],
  },
  "app/[locale]/(app)/admin/enrolments/page.tsx": {
    states: [
      { role: "admin", state: "overview", go: visit("/admin/enrolments") },
      {
        role: "admin",
        state: "errors",
        go: async ({ page }) => {
          await open(page, "/admin/enrolments");
          await page.locator('input[name="scope"][value="department"]').check();
          await page.locator('input[name="department"]').fill("");
          await submitMainForm(page);
          await expectErrors(page);
        },
      },
    ],
  },
  "app/[locale]/(app)/admin/reports/page.tsx": {
    states: [
      { role: "admin", state: "overview", go: visit("/admin/reports") },
      { role: "admin", state: "overview", locale: "en", go: visit("/admin/reports") },
      { role: "manager", state: "overview", go: visit("/admin/reports") },
      { role: "provider", state: "overview", go: visit("/admin/reports") },
      { role: "inspector", state: "overview", go: visit("/admin/reports") },
    ],
  },
  "app/[locale]/(app)/admin/reports/participants/page.tsx": {
    states: [
      { role: "admin", state: "course", go: visit(`/admin/reports/participants?course=${COURSE}`) },
      { role: "admin", state: "no-results", go: visit(`/admin/reports/participants?course=${COURSE}&q=zzzzzz`) },
      { role: "inspector", state: "plan", go: async (ctx) => open(ctx.page, `/admin/reports/participants?course=${COURSE}&plan=${await inspectorPlan(ctx)}`) },
    ],
  },
  "app/[locale]/(app)/admin/reports/participants/[userId]/page.tsx": {
    states: [
      { role: "admin", state: "completed", go: participant(ROLE_ACCOUNTS.completed) },
      { role: "admin", state: "not-started", go: participant("matteo.gallo@example.com") },
      { role: "inspector", state: "completed", go: participant(ROLE_ACCOUNTS.completed) },
    ],
  },
  "app/[locale]/(app)/admin/certificates/page.tsx": {
    states: [
      { role: "admin", state: "choose-course", go: visit("/admin/certificates") },
      { role: "admin", state: "course", go: visit(`/admin/certificates?course=${COURSE}`) },
    ],
  },
  "app/[locale]/(app)/admin/outbox/page.tsx": {
    states: [
      { role: "admin", state: "list", go: visit("/admin/outbox") },
      {
        role: "admin",
        state: "invited",
        go: async ({ page }) => {
          const email = `screens.outbox.${Date.now()}@example.com`;
          await createInvitee(email, "Ottavio", "Posta");
          await open(page, "/admin/outbox");
          const form = page.locator("main form").filter({ has: page.locator('input[type="email"]') });
          await form.locator('input[type="email"]').fill(email);
          await submitMainForm(page, form);
          await expect(page.locator('main [role="status"]').filter({ hasText: email })).toBeVisible();
        },
      },
    ],
  },
  "app/[locale]/(app)/admin/outbox/[id]/page.tsx": {
    states: [
      {
        role: "admin",
        state: "mail",
        go: async (ctx) => {
          const { id } = await ctx.one<{ id: number }>("SELECT id FROM outbox ORDER BY id DESC LIMIT 1");
          await open(ctx.page, `/admin/outbox/${id}`);
        },
        beforeAxe: removeMailFrame,
      },
    ],
  },
  "app/[locale]/(app)/admin/reminders/page.tsx": {
    states: [
      { role: "admin", state: "before-run", go: visit("/admin/reminders") },
      {
        role: "admin",
        state: "after-run",
        go: async ({ page }) => {
          await open(page, "/admin/reminders");
          await submitMainForm(page);
          await expect(page.locator('main [role="status"]').first()).not.toBeEmpty();
        },
      },
    ],
  },
  "app/[locale]/(app)/admin/companies/page.tsx": {
    states: [
      { role: "provider", state: "overview", go: visit("/admin/companies") },
      { role: "provider", state: "overview", locale: "en", go: visit("/admin/companies") },
      { role: "admin", state: "forbidden", go: visit("/admin/companies", 403) },
    ],
  },
  "app/[locale]/(app)/admin/companies/new/page.tsx": {
    states: [
      { role: "provider", state: "empty", go: visit("/admin/companies/new") },
      {
        role: "provider",
        state: "errors",
        go: async ({ page }) => {
          await open(page, "/admin/companies/new");
          await page.locator('input[name="taxCode"]').fill("12345678901");
          await page.locator('input[name="plan_cup"]').fill("ABC");
          await submitMainForm(page);
          await expectErrors(page);
        },
      },
      { role: "provider", state: "filled", go: async ({ page }) => fillNewCompany(page) },
      {
        role: "provider",
        state: "file-errors",
        go: async ({ page }) => {
          await fillNewCompany(page);
          await page.locator('input[name="people"]').setInputFiles(csv([...GOOD_ROWS, ...BAD_ROWS]));
          await submitMainForm(page);
          await expect(page.locator("main .rows-report table")).toBeVisible();
        },
      },
      {
        role: "provider",
        state: "created",
        go: async ({ page }) => {
          await fillNewCompany(page);
          await page.locator('input[name="people"]').setInputFiles(csv(NEW_COMPANY_ROWS));
          await submitMainForm(page);
          await page.waitForURL(/\/admin\/companies\?created=/);
          await expect(page.locator('main [role="status"] .alert--ok')).toBeVisible();
        },
      },
    ],
  },
};

/** The name a page has in screenshot file names: its route, `admin-people-id` for admin/people/[id]. */
export function pageName(file: string): string {
  const route = file
    .replace(/^app\/\[locale\]\/?/, "")
    .replace(/\/?page\.tsx$/, "")
    .replace(/\([^)]+\)\/?/g, "")
    .replace(/\[\.\.\.[^\]]+\]/g, "not-found")
    .replace(/\[([^\]]+)\]/g, "$1");
  return route ? route.replace(/\//g, "-") : "home";
}

/** The states one role goes through, in order, with the page each belongs to. */
export function statesOf(role: Role): (State & { file: string; page: string; name: string })[] {
  return Object.entries(PAGES).flatMap(([file, entry]) =>
    entry.states
      .filter((s) => s.role === role)
      .map((s) => ({ ...s, file, page: pageName(file), name: s.locale ? `${s.state}-${s.locale}` : s.state })),
  );
}

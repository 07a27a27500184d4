import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { hash } from "@node-rs/argon2";
import fs from "node:fs";
import path from "node:path";
import type { Engine } from "@/db/engine/types";
import { databaseEnv, locate, openServerDatabase } from "../../support/database-location";
import { fingerprintOfEngine } from "../../support/db-fingerprint";

export const DEMO_PASSWORD = "binomio-demo";

/**
 * Where the database of the server the running test talks to lives: a PostgreSQL URL (E2E_DATABASE=postgres)
 * or an SQLite file. A project with its own server names it in `metadata.database`
 * (playwright.config.ts, playwright.screenshots.config.ts).
 */
export function e2eDatabase(): string {
  const own = test.info().project.metadata?.database as string | undefined;
  return own ?? path.join(process.env.E2E_DIR!, "e2e.db");
}

/** The environment that points a script (`npm run …`, `tsx scripts/…`) at the server's database. */
export function e2eDatabaseEnv(): { DATABASE_URL: string } | { DATABASE_PATH: string } {
  return databaseEnv(e2eDatabase());
}

/** Does the running test's server use PostgreSQL (E2E_DATABASE=postgres)? For the few assertions that differ by engine. */
export function e2eOnPostgres(): boolean {
  return locate(e2eDatabase()).url !== undefined;
}

const engines = new Map<string, Promise<Engine>>();

/**
 * The server's database, on whichever engine it runs (one handle per worker and database, kept open:
 * the worker's exit closes it). Tests read it to assert what was (not) written, and write it to set up
 * state no page creates; with SQLite's WAL or PostgreSQL's MVCC both run while the server does.
 * Only the engine's calls (`get/all/run/write`), so a spec holds on both databases.
 */
export function e2eDb(): Promise<Engine> {
  const at = e2eDatabase();
  let opened = engines.get(at);
  if (!opened) {
    opened = openServerDatabase(at);
    engines.set(at, opened);
  }
  return opened;
}

/** The sign-in's first step: the e-mail, then "Continua" (an SSO company's people leave for their provider here). */
export async function enterSignInEmail(page: Page, email: string): Promise<void> {
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: /^(Continua|Continue)$/ }).click();
}

/** Fills and submits the sign-in form (e-mail step, then password) without waiting for the outcome (for failure cases). */
export async function attemptSignIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/sign-in");
  await enterSignInEmail(page, email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: /^(Accedi|Sign in)$/ }).click();
}

/**
 * Signs in through the form and waits until the landing page is reached, acknowledging the
 * privacy notice on the way when it is the user's first sign-in.
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await attemptSignIn(page, email, password);
  // Sign-in goes through "/" to the role's landing page, or to the notice on a first sign-in.
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in") && url.pathname !== "/");
  // The landing page's layout may still redirect to the notice: let the navigation settle.
  await page.waitForLoadState("networkidle");
  await expect(page.locator("h1")).toBeVisible();
  if (new URL(page.url()).pathname === "/privacy") {
    await page.getByRole("button", { name: /^(Ho letto l'informativa|I have read the notice)$/ }).click();
    await page.waitForURL((url) => url.pathname !== "/privacy");
  }
}

/**
 * Signs in over plain HTTP the way a script would (CSRF token, then the credentials
 * callback) and returns the request context carrying the session cookie.
 */
export async function apiSignIn(request: APIRequestContext, email: string, password = DEMO_PASSWORD): Promise<void> {
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(302);
  const cookies = await request.storageState();
  expect(cookies.cookies.some((c) => c.name === "authjs.session-token")).toBe(true);
}

export async function userId(email: string): Promise<number> {
  const row = await (await e2eDb()).get<{ id: number }>("SELECT id FROM users WHERE email = ?", [email]);
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: /^(Esci|Sign out)$/ }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/**
 * A fresh learner for one test, written straight into the server's SQLite file (WAL lets a
 * second process write while the server runs), so tests that change a learner's state never
 * share that learner with another test.
 */
/** The learner with this e-mail, created (as createLearner does) when missing: for set-ups that may run again in a new worker. */
export async function ensureLearner(email: string, firstName = "Test", lastName = "Learner"): Promise<number> {
  const row = await (await e2eDb()).get<{ id: number }>("SELECT id FROM users WHERE email = ?", [email]);
  return row?.id ?? createLearner(email, firstName, lastName);
}

/** Everything the server's database holds, except the per-request activity stamp of sessions: equal before and after a refused call. */
export async function databaseFingerprint(): Promise<string> {
  return fingerprintOfEngine(await e2eDb());
}

/**
 * People the tests create belong to the demo's first company (Officine Demo), whose rules enrol
 * its learners and whose admin (admin@example.com) the tests sign in as.
 */
const DEMO_COMPANY_NAME = "Officine Demo S.r.l.";
const DEMO_COMPANY_ID_SQL = "(SELECT id FROM companies WHERE name = ?)";

export async function createLearner(email: string, firstName = "Test", lastName = "Learner"): Promise<number> {
  const passwordHash = await hash(DEMO_PASSWORD, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  return insertLearner(email, passwordHash, firstName, lastName);
}

/** A course's lessons as written on disk (the Italian file of each), in order: slug and duration in minutes. */
export function courseLessons(course: string): { slug: string; duration: number }[] {
  const dir = path.join("content", "courses", course, "lessons");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".it.mdx"))
    .sort()
    .map((f) => ({
      slug: /^\d{2}-(.+)\.it\.mdx$/.exec(f)![1]!,
      duration: Number(/^duration:\s*(\d+)\s*$/m.exec(fs.readFileSync(path.join(dir, f), "utf8"))![1]),
    }));
}

/** Credits active time to a learner's lesson straight in the server's file, as minutes of heartbeats would. */
export async function creditLessonSeconds(userIdOrEmail: number | string, course: string, lessonSlug: string, seconds: number): Promise<void> {
  const user = typeof userIdOrEmail === "number" ? userIdOrEmail : await userId(userIdOrEmail);
  await (await e2eDb()).run("UPDATE lesson_progress SET active_seconds = ? WHERE user_id = ? AND course_slug = ? AND lesson_slug = ?", [seconds, user, course, lessonSlug]);
}

/** A person as the import or the admin form creates them: a learner with no password yet. */
export function createInvitee(email: string, firstName = "Irene", lastName = "Invitata"): Promise<number> {
  return insertLearner(email, null, firstName, lastName);
}

/** A learner of the demo's first company, with its role, in one transaction. */
async function insertLearner(email: string, passwordHash: string | null, firstName: string, lastName: string): Promise<number> {
  return (await e2eDb()).write(async (tx) => {
    const row = await tx.get<{ id: number }>(
      `INSERT INTO users (email, password_hash, first_name, last_name, company_id) VALUES (?, ?, ?, ?, ${DEMO_COMPANY_ID_SQL}) RETURNING id`,
      [email, passwordHash, firstName, lastName, DEMO_COMPANY_NAME],
    );
    await tx.run("INSERT INTO user_roles (user_id, role) VALUES (?, 'learner')", [row!.id]);
    return row!.id;
  });
}

/** The path of the newest one-time link mailed to `email` (`/invite/…` or `/reset-password/…`), read from the outbox. */
export async function latestLink(email: string, kind: "invite" | "reset"): Promise<string> {
  const row = await (await e2eDb()).get<{ text: string }>("SELECT text FROM outbox WHERE to_address = ? AND kind = ? ORDER BY id DESC LIMIT 1", [email, kind]);
  if (!row) throw new Error(`no ${kind} mail for ${email}`);
  const m = /https?:\/\/[^\s/]+(\/(?:invite|reset-password)\/[A-Za-z0-9_-]{43})/.exec(row.text);
  if (!m) throw new Error(`no link in:\n${row.text}`);
  return m[1]!;
}

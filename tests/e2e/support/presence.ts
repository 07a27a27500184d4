import { expect, type Page } from "@playwright/test";
import { createLearner, e2eDb } from "./helpers";

/**
 * A learner enrolled by name in `course` under a new plan of the demo company whose presence
 * checks come every `seconds` of active time on average (quiet for a third of it, never beyond
 * twice it). The plan form offers 10 to 60 minutes; tests write the plan's own column
 * (`funding_plans.presence_check_seconds`) straight into the server's database to make a question
 * due within seconds — no switch or variable of the server is involved.
 */
export async function learnerWithPresenceChecks(email: string, seconds: number, course: string, name = { first: "Pina", last: "Presente" }): Promise<number> {
  const id = await createLearner(email, name.first, name.last);
  const now = Math.floor(Date.now() / 1000);
  await (await e2eDb()).write(async (tx) => {
    const plan = await tx.get<{ id: number }>(
      "INSERT INTO funding_plans (company_id, fund, title, avviso, presence_check_seconds, created_at) SELECT company_id, 'fondimpresa', ?, 'Avviso 9/2026', ?, ? FROM users WHERE id = ? RETURNING id",
      [`Piano verifiche ${email}`, seconds, now, id],
    );
    await tx.run("INSERT INTO funding_plan_courses (plan_id, course_slug) VALUES (?, ?)", [plan!.id, course]);
    await tx.run("INSERT INTO enrolments (user_id, course_slug, plan_id, created_at) VALUES (?, ?, ?, ?)", [id, course, plan!.id, now]);
  });
  return id;
}

export type HeartbeatAnswer = { creditedSeconds: number; presenceCheck?: { id: number; a: number; b: number; options: number[] } };

/**
 * Lets `realMs` pass on the server (it credits real time), with some input, then fires the
 * page's heartbeat on Playwright's fake clock (`page.clock.install()`, then `pauseAt`, first); resolves with the
 * server's answer.
 */
export async function heartbeatAfter(page: Page, realMs: number): Promise<HeartbeatAnswer> {
  await page.waitForTimeout(realMs);
  await page.mouse.move(100 + Math.random() * 200, 200 + Math.random() * 200);
  const response = page.waitForResponse((r) => r.url().endsWith("/api/heartbeat") && r.request().method() === "POST");
  await page.clock.runFor(30_000);
  const res = await response;
  expect(res.status()).toBe(200);
  return (await res.json()) as HeartbeatAnswer;
}

/** Heartbeats until the server asks (at most twice the plan's average of active time); the question. */
export async function untilAsked(page: Page, realMs = 2_500, tries = 8): Promise<NonNullable<HeartbeatAnswer["presenceCheck"]>> {
  for (let i = 0; i < tries; i++) {
    const asked = (await heartbeatAfter(page, realMs)).presenceCheck;
    if (asked) return asked;
  }
  throw new Error("no presence check within twice the plan's average");
}

import { expect, test } from "@playwright/test";
import { createLearner, e2eDb, signIn } from "./support/helpers";
import { heartbeatAfter as beat, learnerWithPresenceChecks, untilAsked } from "./support/presence";

/**
 * The presence check in a real browser against `next start`. The learner takes the course under
 * a plan whose setting asks a question every 6 s of active time on average (quiet for 2 s, never
 * beyond 12 s), written into the plan's own column (support/presence.ts). Real seconds pass on
 * the server (it credits them); the page's 30-second heartbeat timer runs on Playwright's fake clock.
 */

const COURSE = "social-media-basics";
const LESSON = `/courses/${COURSE}/already-online`;

/** Active seconds the server credited to the learner's lesson. */
async function activeSeconds(userId: number): Promise<number> {
  const db = await e2eDb();
  return (await db.get<{ s: number }>("SELECT coalesce(sum(active_seconds), 0) AS s FROM lesson_progress WHERE user_id = ?", [userId]))!.s;
}

async function checks(userId: number) {
  const db = await e2eDb();
  return db.all<{ id: number; askedAtMs: number; answeredAtMs: number | null; answer: number | null; correct: number | null }>(
    'SELECT id, answered_at_ms AS "answeredAtMs", asked_at_ms AS "askedAtMs", answer, correct FROM presence_checks WHERE user_id = ? ORDER BY id',
    [userId],
  );
}

test("a plan's presence check interrupts the lesson, stops the time until it is answered, and is recorded", async ({ page, browser }) => {
  test.slow();
  const userId = await learnerWithPresenceChecks("presenza.e2e@example.com", 6, COURSE);
  await signIn(page, "presenza.e2e@example.com");
  await page.clock.install();
  await page.goto(LESSON);
  await expect(page.getByRole("button", { name: "Lezione completata" })).toBeEnabled();
  // Paused: the page's own 30-second heartbeat fires only when a step below runs the clock, never
  // because real time piled up on a slow machine (an extra credited beat between two steps).
  await page.clock.pauseAt(Date.now() + 1_000);

  // At most twice the average (12 s of active time) goes by without a question.
  const asked = await untilAsked(page);
  // The heartbeat's answer never says which option is right.
  expect(Object.keys(asked).sort()).toEqual(["a", "b", "id", "options"]);

  const dialog = page.getByRole("dialog", { name: "Sei ancora qui?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAccessibleDescription(/il tempo della lezione è fermo/);
  await expect(page.getByText("Tempo fermo: rispondi alla domanda di presenza per farlo ripartire.")).toBeVisible();
  // Modal: focus starts on its title (no option looks chosen), Tab reaches the options, Escape does not dismiss it.
  await expect(dialog.getByRole("heading", { name: "Sei ancora qui?" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button").first()).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeVisible();

  // The time stops: real seconds pass, heartbeats go out, the server credits nothing.
  const frozen = await activeSeconds(userId);
  for (let i = 0; i < 2; i++) {
    const answer = await beat(page, 2_000);
    expect(answer.creditedSeconds).toBe(0);
    expect(answer.presenceCheck?.id).toBe(asked.id);
  }
  expect(await activeSeconds(userId)).toBe(frozen);

  // Another learner cannot answer it: 404, and nothing is recorded.
  await createLearner("presenza.altra@example.com", "Alba", "Altra");
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, "presenza.altra@example.com");
  const stolen = await otherPage.request.post(`/api/presence-checks/${asked.id}`, { data: { answer: 3 } });
  expect(stolen.status()).toBe(404);
  await other.close();
  expect((await checks(userId))[0]).toMatchObject({ answeredAtMs: null, answer: null, correct: null });

  // Answered with the keyboard: the question's own sum, computed from what is shown.
  const legend = await dialog.locator("legend").innerText();
  const [, a, b] = /Quanto fa (\d) \+ (\d)\?/.exec(legend)!;
  const right = Number(a) + Number(b);
  await dialog.getByRole("button", { name: String(right), exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Grazie, il tempo della lezione riparte.")).toBeVisible();
  await expect(page.getByText("Tempo fermo", { exact: false })).toBeHidden();
  const [row] = await checks(userId);
  expect(row).toMatchObject({ id: asked.id, answer: right, correct: 1 });
  expect(row!.answeredAtMs! - row!.askedAtMs).toBeGreaterThan(4_000);

  // Answered once: a second answer is refused and changes nothing.
  const again = await page.request.post(`/api/presence-checks/${asked.id}`, { data: { answer: right } });
  expect(again.status()).toBe(409);
  expect((await page.request.post(`/api/presence-checks/${asked.id}`, { data: { answer: "7" } })).status()).toBe(422);
  expect((await checks(userId))[0]).toEqual(row);

  // The time runs again, from the answer on (not for the time the question stood open).
  const resumed = await beat(page, 2_000);
  expect(resumed.creditedSeconds).toBeGreaterThanOrEqual(1);
  expect(resumed.creditedSeconds).toBeLessThanOrEqual(4);
  expect(await activeSeconds(userId)).toBe(frozen + resumed.creditedSeconds);

  // The learner's own data download holds the question, the answer and its times.
  const mine = (await (await page.request.post("/api/me/export")).json()) as { presenceChecks: { answer: number; asked_at_ms: number; answered_at_ms: number }[] };
  expect(mine.presenceChecks).toEqual([expect.objectContaining({ answer: right, asked_at_ms: row!.askedAtMs, answered_at_ms: row!.answeredAtMs })]);
});

test("a learner whose plan does not ask is never interrupted", async ({ page }) => {
  const userId = await createLearner("presenza.no@example.com", "Nino", "Nessuna");
  await signIn(page, "presenza.no@example.com");
  await page.clock.install();
  await page.goto(LESSON);
  await expect(page.getByRole("button", { name: "Lezione completata" })).toBeEnabled();
  await page.clock.pauseAt(Date.now() + 1_000);
  for (let i = 0; i < 3; i++) expect((await beat(page, 1_500)).presenceCheck).toBeUndefined();
  await expect(page.getByRole("dialog")).toBeHidden();
  expect(await checks(userId)).toEqual([]);
});

test("a company admin switches a plan's presence checks on and off on its form", async ({ page }) => {
  const learnerId = await learnerWithPresenceChecks("presenza.piano@example.com", 6, COURSE);
  const db = await e2eDb();
  const planId = (await db.get<{ id: number }>("SELECT plan_id AS id FROM enrolments WHERE user_id = ?", [learnerId]))!.id;
  const setting = async () => (await db.get<{ s: number | null }>("SELECT presence_check_seconds AS s FROM funding_plans WHERE id = ?", [planId]))!.s;
  await signIn(page, "admin@example.com");
  await page.goto(`/admin/plans/${planId}`);
  const field = page.getByLabel("Verifiche di presenza");
  // A value written outside the form (this test's 6 s) is shown as it is, not silently replaced.
  await expect(field).toHaveValue("6");
  await field.selectOption({ label: "Sì, circa ogni 15 minuti" });
  await page.getByRole("button", { name: "Salva" }).click();
  await expect(page.getByText("Modifiche salvate.")).toBeVisible();
  await expect.poll(setting).toBe(900);
  await field.selectOption({ label: "No" });
  await page.getByRole("button", { name: "Salva" }).click();
  await expect.poll(setting).toBeNull();
});

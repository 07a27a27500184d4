import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { parse } from "yaml";
import { createLearner, creditLessonSeconds, e2eDb, signIn, userId } from "./support/helpers";

/**
 * Practice exercises in the real course: the answers stay on the server until "Check", then
 * each detail or wording comes back with its explanation; the submission is stored. Mouse,
 * keyboard and touch.
 */
const COURSE = "lavoro-e-social-media";
const DIR = `content/courses/${COURSE}/quizzes`;
type Spot = { hotspots: { id: string; risky: boolean; label: { it: string }; explanation: { it: string } }[] };
type Rewrite = { paragraphs: { id: string; choices: { id: string; safe?: boolean; text: { it: string }; feedback: { it: string } }[] }[] };
const trip = parse(fs.readFileSync(`${DIR}/es-trasferta.yaml`, "utf8")) as Spot;
const product = parse(fs.readFileSync(`${DIR}/es-riscrivi-prodotto.yaml`, "utf8")) as Rewrite;

async function storedAttempts(email: string) {
  const db = await e2eDb();
  return db.all<{ exerciseId: string; kind: string; score: number }>('SELECT exercise_id AS "exerciseId", kind, score FROM exercise_attempts WHERE user_id = ? ORDER BY id', [await userId(email)]);
}

async function openTrip(page: Page) {
  await page.goto(`/courses/${COURSE}/azienda-gia-online`);
  const exercise = page.getByRole("region", { name: "Trova il rischio: in partenza per la fiera" });
  await expect(exercise).toBeVisible();
  // Before "Check" the page holds no verdict and no explanation.
  const html = await page.content();
  for (const h of trip.hotspots) expect(html).not.toContain(h.explanation.it.slice(0, 40));
  return exercise;
}

const spot = (exercise: ReturnType<Page["getByRole"]>, id: string) => exercise.getByRole("button", { name: trip.hotspots.find((h) => h.id === id)!.label.it, exact: false });

test("spot the risk with the mouse: marks, check, verdicts and explanations, stored", async ({ page }) => {
  const email = `spot-mouse-${Date.now()}@example.com`;
  await createLearner(email);
  await signIn(page, email);
  const exercise = await openTrip(page);
  await spot(exercise, "date").click();
  await spot(exercise, "cliente").click();
  await spot(exercise, "aeroporto").click();
  await expect(spot(exercise, "date")).toHaveAttribute("aria-pressed", "true");
  await expect(spot(exercise, "carta-imbarco")).toHaveAttribute("aria-pressed", "false");
  await exercise.getByRole("button", { name: "Verifica" }).click();
  // 2 of 3 risky details found, 1 false alarm: (2 − 1) / 3.
  await expect(exercise.getByRole("status")).toHaveText("Risultato: 33 %");
  await expect(exercise.getByText("Sfuggito: era un rischio.")).toBeVisible();
  await expect(exercise.getByText("Non era un rischio.")).toBeVisible();
  await expect(exercise.getByText(trip.hotspots.find((h) => h.id === "carta-imbarco")!.explanation.it)).toBeVisible();
  expect(await storedAttempts(email)).toEqual([{ exerciseId: "es-trasferta", kind: "spot-the-risk", score: 1 / 3 }]);
  // The lesson with the reviewed exercise is axe clean.
  const axe = await new AxeBuilder({ page }).include(".exercise").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await exercise.getByRole("button", { name: "Riprova" }).click();
  await expect(spot(exercise, "date")).toHaveAttribute("aria-pressed", "false");
});

test("spot the risk with the keyboard alone", async ({ page }) => {
  const email = `spot-keys-${Date.now()}@example.com`;
  await createLearner(email);
  await signIn(page, email);
  const exercise = await openTrip(page);
  // Details in page order: photo (boarding pass, departures board), then text (dates, customer, "Off we go").
  await spot(exercise, "carta-imbarco").focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(spot(exercise, "date")).toBeFocused();
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(spot(exercise, "cliente")).toHaveAttribute("aria-pressed", "true");
  await expect(spot(exercise, "aeroporto")).toHaveAttribute("aria-pressed", "false");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(exercise.getByRole("button", { name: "Verifica" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(exercise.getByRole("status")).toHaveText("Risultato: 100 %");
  expect((await storedAttempts(email)).map((a) => a.score)).toEqual([1]);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });

  test("spot the risk by touch, without horizontal scrolling", async ({ page }) => {
    const email = `spot-touch-${Date.now()}@example.com`;
    await createLearner(email);
    await signIn(page, email);
    const exercise = await openTrip(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const box = await spot(exercise, "carta-imbarco").boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await spot(exercise, "carta-imbarco").tap();
    await spot(exercise, "date").tap();
    await exercise.getByRole("button", { name: "Verifica" }).tap();
    await expect(exercise.getByRole("status")).toHaveText("Risultato: 67 %");
    expect((await storedAttempts(email)).map((a) => a.score)).toEqual([2 / 3]);
  });
});

test("rewrite with the keyboard: arrows pick a wording, the server says which was safer", async ({ page }) => {
  const email = `rewrite-keys-${Date.now()}@example.com`;
  await createLearner(email);
  await signIn(page, email);
  // Lesson 02 opens once lesson 01 is completed (forced sequence).
  await page.goto(`/courses/${COURSE}/azienda-gia-online`);
  for (const action of ["open", "complete"]) {
    // Completing needs the lesson's minimum reading time (completion.minLessonTimePercent): credited here.
    if (action === "complete") await creditLessonSeconds(email, COURSE, "azienda-gia-online", 3600);
    const r = await page.request.post("/api/progress", { data: { courseSlug: COURSE, lessonSlug: "azienda-gia-online", action } });
    expect(r.status()).toBe(200);
  }
  await page.goto(`/courses/${COURSE}/uso-inconsapevole-e-improprio`);
  const exercise = page.getByRole("region", { name: "Riscrivi: l'entusiasmo per il nuovo prodotto" });
  await expect(exercise).toBeVisible();
  const html = await page.content();
  for (const p of product.paragraphs) for (const c of p.choices) expect(html).not.toContain(c.feedback.it.slice(0, 40));
  // "Check" before choosing says what is missing and sends nothing.
  await exercise.getByRole("button", { name: "Verifica" }).click();
  await expect(exercise.getByRole("status")).toHaveText("Scegli una versione per ogni paragrafo.");
  // Paragraph 1: the first wording (safe); 2: arrow down to the second (not safe); 3: arrow down to the second (safe).
  const groups = exercise.getByRole("group");
  await groups.nth(0).getByRole("radio").first().focus();
  await page.keyboard.press("Space");
  await groups.nth(1).getByRole("radio").first().focus();
  await page.keyboard.press("ArrowDown");
  await groups.nth(2).getByRole("radio").first().focus();
  await page.keyboard.press("ArrowDown");
  await expect(groups.nth(2).getByRole("radio").nth(1)).toBeChecked();
  await exercise.getByRole("button", { name: "Verifica" }).focus();
  await page.keyboard.press("Enter");
  await expect(exercise.getByRole("status")).toHaveText("Risultato: 67 %");
  await expect(exercise.getByText(product.paragraphs[1]!.choices[1]!.feedback.it)).toBeVisible();
  expect(await storedAttempts(email)).toEqual([{ exerciseId: "es-riscrivi-prodotto", kind: "rewrite", score: 2 / 3 }]);
});

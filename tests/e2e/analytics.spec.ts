import { expect, test } from "@playwright/test";
import { expectAxeClean } from "../support/axe";
import { apiSignIn, signIn } from "./support/helpers";

const COURSE = "lavoro-e-social-media";

// The item analysis lists every question of nine quizzes: axe needs longer on a shared machine.
test.setTimeout(120_000);

// The scan in the page itself, with a budget that grows with the page (tests/support/axe.ts).
const expectNoViolations = expectAxeClean;

test("trainer: item analysis page with charts and their text alternatives, axe clean, usable at 375 px", async ({ page }) => {
  await signIn(page, "trainer@example.com");
  await page.locator(`a[href="/trainer/analytics/${COURSE}"]`).click();
  // The page lists every question of the course: give it time on a loaded machine.
  await expect(page).toHaveURL(new RegExp(`/trainer/analytics/${COURSE}$`), { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Analisi delle domande");
  await expect(page.getByText("Le segnalazioni compaiono solo per le domande con almeno 20 risposte")).toBeVisible();
  await expect(page.getByText("Il tempo per singola domanda non viene registrato")).toBeVisible();
  const chart = page.getByRole("img", { name: /Facilità delle domande/ }).first();
  await expect(chart).toBeVisible();
  // The demo has one completed learner: one response, so no flags yet.
  await expect(page.getByText("meno di 20 risposte: nessuna segnalazione").first()).toBeVisible();
  await expectNoViolations(page);
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});

test("trainer: the item analysis CSV, and a clear 422 for a bad period", async ({ request }) => {
  await apiSignIn(request, "trainer@example.com");
  const ok = await request.get(`/api/trainer/item-analysis.csv?course=${COURSE}&from=2026-01-01`);
  expect(ok.status()).toBe(200);
  expect(ok.headers()["content-type"]).toContain("text/csv");
  const text = (await ok.body()).toString("utf8");
  expect(text.split("\r\n")[0]).toBe("\uFEFFquiz;quiz_tipo;tentativi_quiz;tempo_mediano_tentativo;domanda;rischio;testo_domanda;risposte;facilita_pct;punto_biseriale;indice_sup_inf;segnalazioni;opzione;testo_opzione;giusta;scelta_pct;scelta_27_sup_pct;scelta_27_inf_pct;segnalazioni_opzione");
  // One row per option of every question, lesson checks first.
  expect(text).toMatch(/\r\nl01-check;lesson-check;\d+;/);
  const bad = await request.get(`/api/trainer/item-analysis.csv?course=${COURSE}&from=2026-05-10&to=2026-05-01`);
  expect(bad.status()).toBe(422);
  expect(((await bad.json()) as { message: string }).message).toBe("to: must not be before from");
  const unknown = await request.get("/api/trainer/item-analysis.csv?course=no-such-course");
  expect(unknown.status()).toBe(422);
});

test("admin: misconceptions page opens with the heatmap, axe clean, exports CSV and XLSX", async ({ page }) => {
  await signIn(page, "admin@example.com");
  await page.goto("/admin/reports");
  await page.locator(`a[href="/admin/analytics/${COURSE}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/admin/analytics/${COURSE}$`), { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Errori per reparto");
  await expect(page.getByText(/nessuna cifra per i gruppi con meno di 5 persone/)).toBeVisible();
  // The heatmap (or its empty state) comes before the explanation.
  const first = page.locator("main > :is(.table-wrap, .empty-state)").first();
  await expect(first).toBeVisible();
  await expectNoViolations(page);
  const csv = await page.request.get(`/api/admin/analytics/misconceptions.csv?course=${COURSE}`);
  expect(csv.status()).toBe(200);
  expect((await csv.body()).toString("utf8")).toMatch(/^\uFEFFrischio;reparto;persone;prime_risposte;errate_pct;errore_1;/);
  const xlsx = await page.request.get(`/api/admin/analytics/misconceptions.xlsx?course=${COURSE}`);
  expect(xlsx.status()).toBe(200);
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe("PK");
});

import { expect, test, type Page } from "@playwright/test";
import { e2eDb, signIn } from "./support/helpers";
import { expectAxeClean } from "../support/axe";

/**
 * Funding plans and departments as a company admin runs them in the browser: a plan created
 * (after a refusal that keeps what was typed), listed, edited; a plan's counts add up and equal
 * the reports' per-plan table; a department added and moved (a loop refused). The other demo
 * company's admin gets 404 on this company's plan, as on one that does not exist.
 */

const ADMIN = "admin@example.com";
const OTHER_ADMIN = "admin.adriatica@example.com";
const COURSE_TITLE = "Lavoro e social media: binomio pericoloso?";

async function query<T>(sql: string, ...args: (string | number)[]): Promise<T> {
  return (await (await e2eDb()).get<T>(sql, args))!;
}

/** A demo plan of the admin's company that has people enrolled. */
const demoPlanId = async () =>
  (
    await query<{ id: number }>(
    `SELECT fp.id FROM funding_plans fp JOIN users u ON u.company_id = fp.company_id AND u.email = ?
      WHERE EXISTS (SELECT 1 FROM funding_plan_courses c WHERE c.plan_id = fp.id) ORDER BY fp.id LIMIT 1`,
      ADMIN,
    )
  ).id;

type Counts = { enrolled: number; notStarted: number; inProgress: number; trained: number; notTrained: number; overdue: number };

/** The six count cells (enrolled, the four states, overdue) of a table row. */
async function counts(row: ReturnType<Page["locator"]>): Promise<Counts> {
  const cells = (await row.locator("td.num").allInnerTexts()).map((s) => Number(s.trim()));
  expect(cells).toHaveLength(6);
  const [enrolled = NaN, notStarted = NaN, inProgress = NaN, trained = NaN, notTrained = NaN, overdue = NaN] = cells;
  return { enrolled, notStarted, inProgress, trained, notTrained, overdue };
}

test("a company admin creates, lists and edits a plan; its counts add up to the reports'", async ({ page }) => {
  test.slow();
  await signIn(page, ADMIN);
  // The plans are reached from the company's page (the header keeps one entry per area).
  await page.getByRole("navigation", { name: "Navigazione principale" }).getByRole("link", { name: "Azienda", exact: true }).click();
  await page.getByRole("main").getByRole("link", { name: "Piani formativi" }).click();
  await expect(page.locator("h1")).toHaveText("Piani formativi");
  await expectAxeClean(page);

  await page.getByRole("link", { name: "Nuovo piano formativo" }).click();
  await expect(page.locator("h1")).toHaveText("Nuovo piano formativo");
  const title = `Piano E2E ${Date.now()}`;
  // Refused: no Avviso for a Fondimpresa plan, a bad CUP, no course. What was typed stays.
  await page.getByLabel("Titolo del piano").fill(title);
  await page.getByLabel("Protocollo / ID del piano").fill("E2E/001");
  await page.getByLabel("CUP", { exact: true }).fill("ABC");
  await page.getByRole("button", { name: "Crea il piano" }).click();
  await expect(page.locator(".alert--error")).toHaveText("Correggi i campi segnalati: non è stato salvato nulla.");
  await expect(page.getByLabel("CUP", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#field-cup-error")).toHaveText("Il CUP è di 15 caratteri (lettere e cifre).");
  await expect(page.locator("#field-courses-error")).toHaveText("Scegli almeno un corso.");
  await expect(page.getByLabel("Titolo del piano")).toHaveValue(title);
  await expect(page.getByLabel("Protocollo / ID del piano")).toHaveValue("E2E/001");
  expect((await query<{ n: number }>("SELECT count(*) AS n FROM funding_plans WHERE title = ?", title)).n).toBe(0);
  await expectAxeClean(page);

  await page.getByLabel("Avviso", { exact: true }).fill("Avviso 2/2026");
  await page.getByLabel("CUP", { exact: true }).fill("");
  await page.getByLabel("Inizio", { exact: true }).fill("2026-02-01");
  await page.getByLabel("Fine", { exact: true }).fill("2026-11-30");
  await page.getByLabel(COURSE_TITLE).check();
  await page.getByRole("button", { name: "Crea il piano" }).click();
  await page.waitForURL(/\/admin\/plans\/\d+\?created=1$/);
  await expect(page.getByText("Piano formativo creato.")).toBeVisible();
  await expect(page.locator("h1")).toHaveText(title);
  const id = Number(new URL(page.url()).pathname.split("/").pop());
  expect(await query<{ avviso: string; protocol: string }>("SELECT avviso, protocol FROM funding_plans WHERE id = ?", id)).toEqual({ avviso: "Avviso 2/2026", protocol: "E2E/001" });

  await page.goto("/admin/plans");
  const row = page.locator("tbody tr").filter({ has: page.locator(`a[href="/admin/plans/${id}"]`) });
  await expect(row.locator("th")).toHaveText(title);
  await expect(row).toContainText("Fondimpresa");
  await expect(row).toContainText("Avviso 2/2026");
  await expect(row).toContainText(COURSE_TITLE);

  // Edited: a new title and an attendance threshold; an invalid percentage is refused first.
  await row.getByRole("link", { name: title }).click();
  await page.getByLabel("Soglia di frequenza (%)").fill("150");
  await page.getByRole("button", { name: "Salva" }).click();
  await expect(page.locator("#field-attendanceThreshold-error")).toHaveText("Indica una percentuale tra 1 e 100.");
  await page.getByLabel("Soglia di frequenza (%)").fill("80");
  await page.getByLabel("Titolo del piano").fill(`${title} (rivisto)`);
  await page.getByRole("button", { name: "Salva" }).click();
  await expect(page.getByText("Modifiche salvate.")).toBeVisible();
  await expect(page.locator("h1")).toHaveText(`${title} (rivisto)`);
  expect(await query<{ title: string; attendance_threshold: number }>("SELECT title, attendance_threshold FROM funding_plans WHERE id = ?", id)).toEqual({ title: `${title} (rivisto)`, attendance_threshold: 80 });

  // A demo plan with people in it: each course's enrolled = the four states, and the same as the reports.
  const planId = await demoPlanId();
  await page.goto(`/admin/plans/${planId}`);
  const rows = page.locator('section[aria-labelledby="summary"] tbody tr');
  const n = await rows.count();
  expect(n).toBeGreaterThan(0);
  const onPlanPage = new Map<string, Counts>();
  for (let i = 0; i < n; i++) {
    const r = rows.nth(i);
    const c = await counts(r);
    expect(c.enrolled, "enrolled = non iniziati + in corso + formati + non formati").toBe(c.notStarted + c.inProgress + c.trained + c.notTrained);
    expect(c.overdue, "overdue is among the not started and in progress").toBeLessThanOrEqual(c.notStarted + c.inProgress);
    onPlanPage.set((await r.locator("th").innerText()).trim(), c);
    await expect(r.getByRole("link", { name: "Registro", exact: true })).toHaveAttribute("href", new RegExp(`^/admin/reports/participants\\?course=[a-z0-9-]+&plan=${planId}$`));
    await expect(r.getByRole("link", { name: "Attestati", exact: true })).toHaveAttribute("href", new RegExp(`^/admin/certificates\\?course=[a-z0-9-]+&plan=${planId}$`));
  }
  expect([...onPlanPage.values()].some((c) => c.enrolled > 0), "the demo plan has people enrolled").toBe(true);
  await page.goto("/admin/reports");
  for (const [course, c] of onPlanPage) {
    const reportRow = page.locator('section[aria-labelledby="by-plan"] tbody tr').filter({ has: page.locator(`a[href="/admin/plans/${planId}"]`) }).filter({ has: page.locator("td", { hasText: course }) });
    expect(await counts(reportRow)).toEqual(c);
  }
});

test("a company admin adds a department and moves it; a loop is refused", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/admin/company");
  const section = page.locator("section#departments");
  await expect(section.getByRole("heading", { name: "Reparti" })).toBeVisible();
  const name = `Qualità E2E ${Date.now()}`;
  const addForm = section.locator("form").filter({ has: page.getByRole("heading", { name: "Aggiungi un reparto" }) });
  await addForm.getByLabel("Nome del reparto").fill(name);
  await addForm.getByRole("button", { name: "Aggiungi il reparto" }).click();
  await expect(addForm.getByText("Reparto aggiunto.")).toBeVisible();
  const topLevel = section.locator(":scope > .department-tree > li > .department-tree__name", { hasText: name });
  await expect(topLevel).toBeVisible();

  const id = async (dep: string) => String((await query<{ id: number }>("SELECT d.id FROM departments d JOIN users u ON u.company_id = d.company_id AND u.email = ? WHERE d.name = ?", ADMIN, dep)).id);
  const moveForm = section.locator("form").filter({ has: page.getByRole("heading", { name: "Sposta un reparto" }) });
  // Stabilimento under its own Produzione: a loop.
  await moveForm.getByLabel("Reparto da spostare").selectOption(await id("Stabilimento"));
  await moveForm.getByLabel("Nuova posizione: dipende da").selectOption(await id("Produzione"));
  await moveForm.getByRole("button", { name: "Sposta il reparto" }).click();
  await expect(moveForm.locator(".field-error")).toHaveText("Un reparto non può dipendere da sé stesso o da un reparto che dipende da lui.");

  await moveForm.getByLabel("Reparto da spostare").selectOption(await id(name));
  await moveForm.getByLabel("Nuova posizione: dipende da").selectOption(await id("Stabilimento"));
  await moveForm.getByRole("button", { name: "Sposta il reparto" }).click();
  await expect(moveForm.getByText("Reparto spostato.")).toBeVisible();
  await expect(topLevel).toHaveCount(0);
  const plant = section.locator(".department-tree li").filter({ has: page.locator(":scope > .department-tree__name", { hasText: /^Stabilimento$/ }) });
  await expect(plant.locator(".department-tree .department-tree__name", { hasText: name })).toBeVisible();
  expect((await query<{ parent: string }>("SELECT p.name AS parent FROM departments d JOIN departments p ON p.id = d.parent_id WHERE d.id = ?", Number(await id(name)))).parent).toBe("Stabilimento");
  await expectAxeClean(page);
});

test("another company's admin gets 404 on this company's plan, as on a plan that does not exist", async ({ page }) => {
  const planId = await demoPlanId();
  await signIn(page, OTHER_ADMIN);
  for (const url of [`/admin/plans/${planId}`, "/admin/plans/999999", "/admin/plans/abc"]) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(404);
  }
  const own = await page.goto("/admin/plans");
  expect(own?.status()).toBe(200);
  await expect(page.locator(`a[href="/admin/plans/${planId}"]`)).toHaveCount(0);
});

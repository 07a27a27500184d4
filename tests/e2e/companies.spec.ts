import { expect, test, type Locator, type Page } from "@playwright/test";
import { allowFor } from "../support/budget";
import { e2eDb, signIn } from "./support/helpers";

const PROVIDER = "ente@example.com";
const HEADER = "cognome;nome;email;codice_fiscale;reparto;qualifica;tipo_contratto";
const stamp = Date.now();
const PEOPLE = [
  `Bianchi;Anna;anna.bianchi.${stamp}@nuova-meccanica.example;BNCNNA90A41F205W;Vendite;Impiegata;Tempo indeterminato`,
  `D'Angelo;Lucia;lucia.dangelo.${stamp}@nuova-meccanica.example;DNGLCU88M52H501Q;Officina;Operaia;Tempo determinato`,
];
const BAD = `Verdi;Luca;luca.verdi.${stamp}@nuova-meccanica.example;VRDLCU80A01H501X;Officina;Operaio;`;
const file = (rows: string[]) => ({ name: "dipendenti.csv", mimeType: "text/csv", buffer: Buffer.from("\uFEFF" + [HEADER, ...rows].join("\r\n")) });
const COLUMNS = ["Iscritti", "Non iniziati", "In corso", "Formati", "Non formati"] as const;

/** A row of a company's counts table as numbers, by column heading (the page's own `data-label`s). */
async function counts(row: Locator): Promise<Record<(typeof COLUMNS)[number], number>> {
  const out = {} as Record<(typeof COLUMNS)[number], number>;
  for (const c of COLUMNS) out[c] = Number(await row.locator(`td[data-label="${c}"]`).innerText());
  return out;
}

const section = (page: Page, name: string) => page.locator("section.company-card").filter({ has: page.getByRole("heading", { level: 2, name, exact: true }) });

test("a provider admin sees every company's figures, creates a company with its plan and people, and works in it", async ({ page }) => {
  test.slow();
  const db = await e2eDb();
  const demo = (await db.all<{ name: string }>("SELECT name FROM companies ORDER BY id")).map((c) => c.name);
  expect(demo.length).toBeGreaterThanOrEqual(2);

  await signIn(page, PROVIDER);
  await expect(page).toHaveURL(/\/admin\/companies$/);
  await expect(page.getByRole("heading", { level: 1, name: "Aziende clienti" })).toBeVisible();
  for (const name of demo.slice(0, 2)) {
    const card = section(page, name);
    await expect(card).toBeVisible();
    const rows = card.locator("tbody tr");
    const total = await counts(rows.first());
    expect(total.Iscritti, name).toBeGreaterThan(0);
    expect(total.Iscritti, name).toBe(total["Non iniziati"] + total["In corso"] + total.Formati + total["Non formati"]);
    // The plans (and what lies outside them) add up to the company.
    let parts = 0;
    for (let i = 1; i < (await rows.count()); i++) {
      const row = await counts(rows.nth(i));
      expect(row.Iscritti).toBe(row["Non iniziati"] + row["In corso"] + row.Formati + row["Non formati"]);
      parts += row.Iscritti;
    }
    expect(parts, name).toBe(total.Iscritti);
  }
  // The company the provider works in is marked, on the page and in the bar under the header.
  const bar = page.getByRole("region", { name: "Azienda su cui lavori" });
  const current = await bar.locator("strong").innerText();
  await expect(section(page, current).getByText("Stai lavorando qui")).toBeVisible();

  // New company: a bad row refuses everything and keeps what was typed.
  const name = `Nuova Meccanica ${stamp} S.r.l.`;
  await page.getByRole("link", { name: "Nuova azienda" }).click();
  await page.getByLabel("Ragione sociale").fill(name);
  await page.getByLabel("Luogo (per gli attestati)").fill("Modena");
  await page.getByLabel("Fondo").selectOption("fondimpresa");
  await page.getByLabel("Titolo del piano").fill("Piano competenze digitali");
  await page.getByLabel("Avviso", { exact: true }).fill("Avviso 2/2027");
  await page.getByLabel("Lavoro e social media: binomio pericoloso?").check();
  await page.getByLabel(/Elenco dei dipendenti/).setInputFiles(file([...PEOPLE, BAD]));
  allowFor(10_000);
  await page.getByRole("button", { name: "Crea l'azienda" }).click();
  await expect(page.getByText("Correggi i campi segnalati: non è stato creato nulla.")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: `luca.verdi.${stamp}` }).getByText(/codice fiscale «VRDLCU80A01H501X» non valido/)).toBeVisible();
  await expect(page.getByLabel("Ragione sociale")).toHaveValue(name);
  await expect(page.getByLabel("Titolo del piano")).toHaveValue("Piano competenze digitali");
  await expect(page.getByLabel("Lavoro e social media: binomio pericoloso?")).toBeChecked();
  const companiesNamed = async () => (await db.get<{ n: number }>("SELECT count(*) AS n FROM companies WHERE name = ?", [name]))!.n;
  expect(await companiesNamed()).toBe(0);
  expect((await db.get<{ n: number }>("SELECT count(*) AS n FROM users WHERE email LIKE ?", [`%.${stamp}@nuova-meccanica.example`]))!.n).toBe(0);

  // The corrected file: company, plan and the two people, then back to the overview.
  await page.getByLabel(/Elenco dei dipendenti/).setInputFiles(file(PEOPLE));
  allowFor(10_000);
  await page.getByRole("button", { name: "Crea l'azienda" }).click();
  await expect(page).toHaveURL(/\/admin\/companies\?created=\d+/);
  await expect(page.getByText(`Azienda «${name}» creata con il suo piano formativo: 2 persone importate.`)).toBeVisible();
  expect(await companiesNamed()).toBe(1);
  const created = section(page, name);
  const plan = created.locator("tbody tr").filter({ hasText: "Piano competenze digitali" });
  await expect(plan).toContainText("Fondimpresa");
  expect(await counts(plan)).toEqual({ Iscritti: 0, "Non iniziati": 0, "In corso": 0, Formati: 0, "Non formati": 0 });

  // Work in it: the bar says so, and its people are the only ones listed.
  await created.getByRole("button", { name: /Lavora in questa azienda/ }).click();
  await expect(page.getByText(`Ora stai lavorando su «${name}»`)).toBeVisible();
  await expect(bar.locator("strong")).toHaveText(name);
  await expect(section(page, name).getByText("Stai lavorando qui")).toBeVisible();
  await page.getByRole("navigation", { name: "Navigazione principale" }).getByRole("link", { name: "Persone" }).click();
  await expect(page).toHaveURL(/\/admin\/people$/);
  await expect(bar.locator("strong")).toHaveText(name);
  const emails = await page.locator('main tbody td[data-label="E-mail"]').allInnerTexts();
  expect(emails.sort()).toEqual([`anna.bianchi.${stamp}@nuova-meccanica.example`, `lucia.dangelo.${stamp}@nuova-meccanica.example`]);

  // The bar's switcher from any page: back to the first company, on the same section.
  await bar.getByLabel("Cambia azienda").selectOption({ label: current });
  await bar.getByRole("button", { name: "Cambia" }).click();
  await expect(bar.locator("strong")).toHaveText(current);
  await expect(page).toHaveURL(/\/admin\/people$/);
  await expect(page.locator('main tbody td[data-label="E-mail"]').filter({ hasText: `anna.bianchi.${stamp}` })).toHaveCount(0);
});

test("a company admin gets the 403 page on the companies pages, and no company bar", async ({ page }) => {
  await signIn(page, "admin@example.com");
  for (const url of ["/admin/companies", "/admin/companies/new"]) {
    const res = await page.goto(url);
    expect(res?.status(), url).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "Accesso non consentito" })).toBeVisible();
  }
  await expect(page.getByRole("region", { name: "Azienda su cui lavori" })).toHaveCount(0);
});

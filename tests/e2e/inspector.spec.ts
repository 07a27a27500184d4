import { expect, test, type Page } from "@playwright/test";
import { e2eDb, signIn, signOut } from "./support/helpers";

/**
 * "Accesso ispettore" end to end, in a real browser: the admin gives a fund's auditor read-only
 * access to a plan, copies the one-time link shown once, the auditor chooses a password with it
 * and lands on the plan; the link does not work twice; the admin revokes and the auditor's open
 * session ends at their next request. The matrix (authorization-matrix-inspector.spec.ts) holds
 * what the role may open.
 */

const PASSWORD = "una frase lunga per il revisore";

async function choosePassword(page: Page, password: string) {
  await page.getByLabel("Nuova password", { exact: true }).fill(password);
  await page.getByLabel("Ripeti la nuova password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Salva la password" }).click();
}

async function adminPlan(): Promise<{ id: number; title: string }> {
  const db = await e2eDb();
  return (await db.get<{ id: number; title: string }>("SELECT fp.id, fp.title FROM funding_plans fp JOIN users u ON u.company_id = fp.company_id WHERE u.email = 'admin@example.com' ORDER BY fp.id LIMIT 1"))!;
}

test("an admin gives an auditor access with a one-time link, the auditor lands on the plan read-only, the link works once, revoking ends the session", async ({ page, browser }) => {
  // Two people, a password hashed twice, a dozen pages: more than the default 30 s on a loaded machine.
  test.setTimeout(120_000);
  const plan = await adminPlan();
  const email = `revisore-${Date.now()}@fondo.example`;

  await signIn(page, "admin@example.com");
  await page.goto(`/admin/plans/${plan.id}`);
  const section = page.locator("section", { has: page.getByRole("heading", { level: 2, name: "Accesso ispettore" }) });
  // Refused input says why, and creates nobody.
  await section.getByLabel("E-mail dell'ispettore").fill("non-un-indirizzo");
  await section.getByLabel("Giorni di accesso").fill("365");
  await section.getByRole("button", { name: "Crea l'accesso" }).click();
  await expect(section.getByText("Indica un indirizzo e-mail valido.")).toBeVisible();
  await expect(section.getByText("Indica un numero intero di giorni tra 1 e 90.")).toBeVisible();

  await section.getByLabel("E-mail dell'ispettore").fill(email);
  await section.getByLabel("Giorni di accesso").fill("10");
  await section.getByRole("button", { name: "Crea l'accesso" }).click();
  const linkField = section.getByLabel(/Link di accesso \(monouso\)/);
  await expect(linkField).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  const link = new URL(await linkField.inputValue());
  // Shown once: a reload lists the account, not the link.
  await page.reload();
  await expect(section.getByLabel(/Link di accesso/)).toHaveCount(0);
  const row = section.getByRole("row").filter({ hasText: email });
  await expect(row).toContainText("Attivo, password non ancora scelta");

  // The auditor chooses a password with the link and lands on the plan, read-only.
  const auditor = await browser.newContext();
  const p = await auditor.newPage();
  await p.goto(link.pathname);
  await choosePassword(p, PASSWORD);
  await p.waitForURL((url) => url.pathname === "/sign-in");
  await signIn(p, email, PASSWORD);
  await expect(p).toHaveURL(new RegExp(`/admin/plans/${plan.id}$`));
  await expect(p.getByRole("heading", { level: 1, name: plan.title })).toBeVisible();
  await expect(p.getByRole("note")).toContainText("sola lettura");
  await expect(p.locator("main form")).toHaveCount(0);
  // The header offers only what the role may open.
  const nav = p.getByRole("navigation", { name: /principale|main/i });
  await expect(nav.getByRole("link")).toHaveText(["Il piano", "Report"]);

  // The link does not work a second time.
  const other = await browser.newContext();
  const q = await other.newPage();
  await q.goto(link.pathname);
  await expect(q.getByRole("heading", { level: 1, name: "Il link è già stato usato" })).toBeVisible();
  await other.close();

  // The admin revokes: the auditor's next request finds the session over.
  await page.reload();
  await row.getByRole("button", { name: `Revoca l'accesso di ${email}` }).click();
  await expect(section.getByRole("status").filter({ hasText: "Accesso revocato" })).toBeVisible();
  await expect(section.getByRole("row").filter({ hasText: email })).toContainText("Scaduto");
  await p.goto("/admin/reports");
  await expect(p).toHaveURL(/\/sign-in/);
  await auditor.close();

  // The trail says who did what.
  const db = await e2eDb();
  const types = (
    await db.all<{ type: string }>("SELECT e.type FROM audit_events e JOIN users u ON e.subject = 'user:' || u.id WHERE u.email = ? AND e.type LIKE 'inspector.%' ORDER BY e.id", [email])
  ).map((r) => r.type);
  const views = (await db.get<{ n: number }>("SELECT count(*) AS n FROM audit_events e JOIN users u ON e.actor_user_id = u.id WHERE u.email = ? AND e.type = 'inspector.view'", [email]))!.n;
  expect(types).toEqual(["inspector.grant", "inspector.revoke"]);
  expect(views).toBeGreaterThan(0);
  await signOut(page);
});

import { expect, test, type Page } from "@playwright/test";
import { apiSignIn, createInvitee, createLearner, DEMO_PASSWORD, e2eDb, latestLink, signIn, signOut, userId } from "./support/helpers";

/**
 * Invitations and password resets end to end. The e2e server has no SMTP_URL, so every mail
 * stays in the outbox: the tests read the links from the server's database, the way an
 * admin of a demo installation reads them at /admin/outbox.
 */

const NEW_PASSWORD = "una frase lunga per entrare";

async function mailCount(email: string): Promise<number> {
  return (await (await e2eDb()).get<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE to_address = ?", [email]))!.n;
}

async function choosePassword(page: Page, password: string) {
  await page.getByLabel("Nuova password", { exact: true }).fill(password);
  await page.getByLabel("Ripeti la nuova password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Salva la password" }).click();
}

test("an admin invites a person without a password, who chooses one through the link and signs in; the used link says so", async ({ page, browser }) => {
  // Three people's sessions, twelve pages: more than the default 30 s on a loaded machine.
  test.setTimeout(90_000);
  const email = `invitee-${Date.now()}@example.com`;
  await createInvitee(email);

  await signIn(page, "admin@example.com");
  await page.goto("/admin/outbox");
  await expect(page.getByRole("heading", { level: 1, name: "Posta in uscita" })).toBeVisible();
  await expect(page.getByText(/L'invio delle e-mail non è ancora configurato/)).toBeVisible();
  await page.getByLabel("E-mail della persona").fill(email);
  await page.getByRole("button", { name: "Invia l'invito", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: email })).toHaveText(`Invito per ${email} pronto qui nella posta in uscita, ma non spedito: l'invio delle e-mail non è configurato.`);

  // The mail is listed for the admin, and its HTML is shown only inside a sandboxed frame.
  await page.reload();
  const row = page.getByRole("row").filter({ hasText: email }).filter({ hasText: "Il tuo accesso a Binomio" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Non spedita (invio non configurato)");
  await row.getByRole("link", { name: "Il tuo accesso a Binomio: scegli la password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Il tuo accesso a Binomio: scegli la password" })).toBeVisible();
  const frame = page.locator("iframe.outbox-mail__frame");
  await expect(frame).toHaveAttribute("sandbox", "");
  await expect(page.frameLocator("iframe.outbox-mail__frame").getByRole("link", { name: "Scegli la password" })).toBeVisible();
  await signOut(page);

  const link = await latestLink(email, "invite");
  const invitee = await browser.newContext();
  const p = await invitee.newPage();
  await p.goto(link);
  await expect(p.getByRole("heading", { level: 1, name: "Benvenuto in Binomio" })).toBeVisible();
  await expect(p.getByText(email)).toBeVisible();

  // The shared password policy is enforced, and the link survives a refused password.
  await choosePassword(p, "password1234");
  await expect(p.getByText("Questa password è tra le più usate")).toBeVisible();

  await choosePassword(p, NEW_PASSWORD);
  await p.waitForURL((url) => url.pathname === "/sign-in");
  expect(new URL(p.url()).searchParams.get("notice")).toBe("password-set");
  await signIn(p, email, NEW_PASSWORD);
  await expect(p).toHaveURL(/\/courses$/);

  await p.goto(link);
  await expect(p.getByRole("heading", { level: 1, name: "Il link è già stato usato" })).toBeVisible();
  await expect(p.getByRole("button", { name: "Invia il link" })).toBeVisible();
  await invitee.close();
});

test("an unknown or malformed invitation link shows a clear message and a way to ask for a new one", async ({ page }) => {
  await page.goto(`/invite/${"A".repeat(43)}`);
  await expect(page.getByRole("heading", { level: 1, name: "Il link non è valido" })).toBeVisible();
  await page.goto("/invite/not-a-token");
  await expect(page.getByRole("heading", { level: 1, name: "Il link non è valido" })).toBeVisible();
  await expect(page.getByLabel("E-mail")).toBeVisible();
});

test("/forgot-password answers known and unknown addresses identically, and only the known one gets a mail", async ({ page }) => {
  const known = `known-${Date.now()}@example.com`;
  const unknown = `unknown-${Date.now()}@example.com`;
  await createLearner(known);

  const ask = async (email: string) => {
    await page.goto("/forgot-password");
    await expect(page.getByRole("heading", { level: 1, name: "Password dimenticata" })).toBeVisible();
    await page.getByLabel("E-mail").fill(email);
    await page.getByRole("button", { name: "Invia il link" }).click();
    const status = page.getByRole("status").filter({ hasText: /./ });
    await expect(status).toBeVisible();
    return status.innerText();
  };

  const forKnown = await ask(known);
  const forUnknown = await ask(unknown);
  expect(forKnown).toBe("Se l'indirizzo è registrato, riceverai a breve un'e-mail con un link per scegliere la password. Controlla anche la cartella della posta indesiderata.");
  expect(forUnknown).toBe(forKnown);
  expect(await mailCount(unknown)).toBe(0);
  await expect.poll(() => mailCount(known)).toBe(1);
});

test("a reset link sets a new password and ends the sessions already open", async ({ page, browser }) => {
  const email = `reset-${Date.now()}@example.com`;
  await createLearner(email);

  // Signed in elsewhere first.
  const other = await browser.newContext();
  const elsewhere = await other.newPage();
  await signIn(elsewhere, email, DEMO_PASSWORD);
  await elsewhere.goto("/me");
  await expect(elsewhere).toHaveURL(/\/me$/);

  await page.goto("/forgot-password");
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Invia il link" }).click();
  await expect(page.getByRole("status").filter({ hasText: /./ })).toBeVisible();
  await page.goto(await latestLink(email, "reset"));
  await expect(page.getByRole("heading", { level: 1, name: "Scegli una nuova password" })).toBeVisible();
  await choosePassword(page, NEW_PASSWORD);
  await page.waitForURL((url) => url.pathname === "/sign-in");

  await elsewhere.goto("/me");
  await expect(elsewhere).toHaveURL(/\/sign-in/);
  await other.close();

  await signIn(page, email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/courses$/);
});

// These pages are scanned with axe, in each of these states and at two widths, by `npm run screenshots`.
test("an admin invites from the outbox and opens the mail; the reminders button reports its run; a short password is refused on the invitation", async ({ page, browser }) => {
  const email = `outbox-${Date.now()}@example.com`;
  await createInvitee(email);
  await signIn(page, "admin@example.com");
  await page.goto("/admin/outbox");
  await page.getByLabel("E-mail della persona").fill(email);
  await page.getByRole("button", { name: "Invia l'invito", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: email })).toBeVisible();
  await page.getByRole("row").filter({ hasText: email }).getByRole("link").first().click();
  await expect(page.locator("iframe.outbox-mail__frame")).toBeVisible();

  await page.goto("/admin/reminders");
  await expect(page.getByRole("heading", { level: 1, name: "Promemoria delle scadenze" })).toBeVisible();
  await page.getByRole("button", { name: "Invia i promemoria ora" }).click();
  await expect(page.getByRole("status")).toContainText(/Promemoria creati|Nessun nuovo promemoria/);
  await page.getByRole("button", { name: "Invia i promemoria ora" }).click();
  await expect(page.getByRole("status")).toHaveText("Nessun nuovo promemoria da inviare.");

  const visitor = await browser.newContext();
  const p = await visitor.newPage();
  await p.goto(await latestLink(email, "invite"));
  await expect(p.getByRole("heading", { level: 1, name: "Benvenuto in Binomio" })).toBeVisible();
  await choosePassword(p, "corta");
  await expect(p.getByLabel("Nuova password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await visitor.close();
});

test("only admins open the outbox and the reminders, and invite through the API", async ({ page, playwright, baseURL }) => {
  await signIn(page, "learner@example.com");
  for (const url of ["/admin/outbox", "/admin/reminders"]) {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accesso non consentito");
  }

  const email = `api-${Date.now()}@example.com`;
  const invitee = await createInvitee(email);
  const learnerId = await userId("learner@example.com");

  const anonymous = await playwright.request.newContext({ baseURL });
  expect((await anonymous.post(`/api/admin/people/${invitee}/invite`)).status()).toBe(401);
  await anonymous.dispose();

  const asLearner = await playwright.request.newContext({ baseURL });
  await apiSignIn(asLearner, "learner@example.com");
  expect((await asLearner.post(`/api/admin/people/${invitee}/invite`)).status()).toBe(403);
  await asLearner.dispose();

  const asAdmin = await playwright.request.newContext({ baseURL });
  await apiSignIn(asAdmin, "admin@example.com");
  const ok = await asAdmin.post(`/api/admin/people/${invitee}/invite`);
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toMatchObject({ ok: true, delivery: "held" });
  expect(await latestLink(email, "invite")).toMatch(/^\/invite\//);
  const onboarded = await asAdmin.post(`/api/admin/people/${learnerId}/invite`);
  expect(onboarded.status()).toBe(409);
  expect(await onboarded.json()).toMatchObject({ error: "has_password" });
  expect((await asAdmin.post("/api/admin/people/99999999/invite")).status()).toBe(404);
  await asAdmin.dispose();
});

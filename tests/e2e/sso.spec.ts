import { expect, test, type Page } from "@playwright/test";
import { hash } from "@node-rs/argon2";
import { DEMO_PASSWORD, e2eDb, enterSignInEmail, signIn, signOut } from "./support/helpers";
import { startOidcProvider, startTamperingProvider, TAMPERINGS, type RunningProvider } from "../support/oidc-provider";

/**
 * Single sign-on, end to end: two real OpenID Connect providers (`oidc-provider`) for two
 * companies, and a tampering provider issuing defective id_tokens, on E2E_PORT+2..+4. The
 * companies are configured by their own admins on /admin/company/sso; people go through the
 * e-mail step, the provider's login and consent pages, the callback, and land in Binomio with a
 * session in the access log.
 */
test.describe.configure({ mode: "serial" });

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const ORIGIN = `http://127.0.0.1:${E2E_PORT}`;
const COMPANIES = {
  alfa: { name: "SSO Alfa S.r.l.", domain: "alfa-sso.test", port: E2E_PORT + 2, clientId: "binomio-alfa", secret: "alfa-Secret-7f3c9a1e5b2d4c6e8a0b" },
  beta: { name: "SSO Beta S.p.A.", domain: "beta-sso.test", port: E2E_PORT + 3, clientId: "binomio-beta", secret: "beta-Secret-2b8d6f4a0c1e3a5b7d9f" },
  tamper: { name: "SSO Prova Token", domain: "tamper-sso.test", port: E2E_PORT + 4, clientId: "binomio-tamper", secret: "tamper-Secret-9e1a3c5e7b2d4f6a8c0e" },
} as const;
type Key = keyof typeof COMPANIES;

const ids = {} as Record<Key, number>;
let alfa: RunningProvider;
let beta: RunningProvider;
let tamper: { issuer: string; close: () => Promise<void> };

test.beforeAll(async () => {
  const db = await e2eDb();
  const passwordHash = await hash(DEMO_PASSWORD, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  const course = (await db.get<{ course_slug: string }>("SELECT course_slug FROM enrolment_rules ORDER BY id LIMIT 1"))!.course_slug;
  for (const key of Object.keys(COMPANIES) as Key[]) {
    const c = COMPANIES[key];
    ids[key] = await db.write(async (tx) => {
      const existing = await tx.get<{ company_id: number }>("SELECT company_id FROM company_email_domains WHERE domain = ?", [c.domain]);
      if (existing) return existing.company_id;
      // The demo company's record and texts, so the privacy notice its learners must acknowledge is complete.
      const demo = "(SELECT id FROM companies WHERE name = 'Officine Demo S.r.l.')";
      const id = (await tx.get<{ id: number }>(
        `INSERT INTO companies (name, tax_code, address, city, legal_representative, signer_name, signer_role) SELECT ?, tax_code, address, city, legal_representative, signer_name, signer_role FROM companies WHERE id = ${demo} RETURNING id`,
        [c.name],
      ))!.id;
      await tx.run(`INSERT INTO company_texts (company_id, key, locale, value, updated_at) SELECT ?, key, locale, value, updated_at FROM company_texts WHERE company_id = ${demo}`, [id]);
      await tx.run("INSERT INTO company_email_domains (domain, company_id) VALUES (?, ?)", [c.domain, id]);
      const admin = (await tx.get<{ id: number }>("INSERT INTO users (email, password_hash, first_name, last_name, company_id) VALUES (?, ?, 'Amelia', 'Admin', ?) RETURNING id", [`admin@${c.domain}`, passwordHash, id]))!.id;
      await tx.run("INSERT INTO user_roles (user_id, role, company_id) VALUES (?, 'company_admin', ?)", [admin, id]);
      // Everyone of the company is enrolled in a course: a person created at the first sign-in must get it.
      await tx.run("INSERT INTO enrolment_rules (course_slug, scope, company_id, created_by) VALUES (?, 'everyone', ?, ?)", [course, id, admin]);
      return id;
    });
  }
  const learner = (email: string, company: number, password: string | null, first: string, last: string) =>
    db.write(async (tx) => {
      if (await tx.get("SELECT 1 FROM users WHERE email = ?", [email])) return;
      const id = (await tx.get<{ id: number }>("INSERT INTO users (email, password_hash, first_name, last_name, company_id) VALUES (?, ?, ?, ?, ?) RETURNING id", [email, password, first, last, company]))!.id;
      await tx.run("INSERT INTO user_roles (user_id, role) VALUES (?, 'learner')", [id]);
    });
  await learner("mario.rossi@alfa-sso.test", ids.alfa, null, "Mario", "Rossi");
  await learner("lucia.verdi@beta-sso.test", ids.beta, passwordHash, "Lucia", "Verdi");
  const op = (key: "alfa" | "beta", accounts: Parameters<typeof startOidcProvider>[0]["accounts"]) =>
    startOidcProvider({
      port: COMPANIES[key].port,
      clientId: COMPANIES[key].clientId,
      clientSecret: COMPANIES[key].secret,
      redirectUri: `${ORIGIN}/api/auth/callback/sso-${ids[key]}`,
      postLogoutRedirectUri: `${ORIGIN}/sign-in`,
      accounts,
    });
  alfa = await op("alfa", {
    mario: { email: "mario.rossi@alfa-sso.test", given_name: "Mario", family_name: "Rossi" },
    giulia: { email: "giulia.nuova@alfa-sso.test", given_name: "Giulia", family_name: "Nuova" },
    impostor: { email: "mario.rossi@alfa-sso.test", given_name: "Mario", family_name: "Falso" },
    outsider: { email: "eva@altrove.test", given_name: "Eva", family_name: "Esterna" },
    unverified: { email: "ugo@alfa-sso.test", email_verified: false, given_name: "Ugo", family_name: "Nonverificato" },
  });
  beta = await op("beta", { lucia: { email: "lucia.verdi@beta-sso.test", given_name: "Lucia", family_name: "Verdi" } });
  tamper = await startTamperingProvider({ port: COMPANIES.tamper.port, clientId: COMPANIES.tamper.clientId, clientSecret: COMPANIES.tamper.secret });
});

test.afterAll(async () => {
  await Promise.all([alfa?.close(), beta?.close(), tamper?.close()]);
});

/** Arrived in Binomio: the landing page, through the privacy notice on a first sign-in (as helpers' signIn does). */
async function landed(page: Page, path: RegExp): Promise<void> {
  await page.waitForURL((u) => u.href.startsWith(ORIGIN) && !u.pathname.startsWith("/sign-in") && u.pathname !== "/" && !u.pathname.startsWith("/api/"));
  await page.waitForLoadState("networkidle");
  await expect(page.locator("h1")).toBeVisible();
  if (new URL(page.url()).pathname === "/privacy") {
    await page.getByRole("button", { name: "Ho letto l'informativa" }).click();
    await page.waitForURL((u) => u.pathname !== "/privacy");
  }
  await expect(page).toHaveURL(path);
}

/** Break-glass: an admin of an SSO company signs in with the password, through the page's password link. */
async function adminSignIn(page: Page, key: Key): Promise<void> {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Sei un amministratore? Accedi con la password" }).click();
  await page.getByLabel("E-mail").fill(`admin@${COMPANIES[key].domain}`);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Accedi" }).click();
  await landed(page, /\/admin\/people$/);
}

async function configure(page: Page, key: Key, opts: { jit: boolean; passwordsOff: boolean }): Promise<string> {
  const c = COMPANIES[key];
  await adminSignIn(page, key);
  await page.goto("/admin/company/sso");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accesso aziendale (SSO)");
  await expect(page.getByText(`${ORIGIN}/api/auth/callback/sso-${ids[key]}`)).toBeVisible();
  // Another company's settings are nowhere on this admin's page.
  const others = (Object.keys(COMPANIES) as Key[]).filter((k) => k !== key);
  for (const other of others) {
    await expect(page.locator("main")).not.toContainText(COMPANIES[other].clientId);
    await expect(page.locator("main")).not.toContainText(`sso-${ids[other]}`);
  }
  await page.getByLabel("Altro sistema OpenID Connect").check();
  await page.getByLabel("Indirizzo dell'emittente (issuer)").fill(`http://127.0.0.1:${c.port}`);
  await page.getByLabel("ID applicazione (client ID)").fill(c.clientId);
  await page.getByLabel("Segreto client").fill(c.secret);
  await page.getByLabel("Attiva l'accesso aziendale").check();
  await page.getByLabel("Crea automaticamente l'account al primo accesso").setChecked(opts.jit);
  await page.getByLabel("Niente password per i partecipanti").setChecked(opts.passwordsOff);
  await page.getByRole("button", { name: "Salva" }).click();
  await expect(page.getByText("Impostazioni salvate.")).toBeVisible();
  await page.reload();
  await expect(page.getByText("Un segreto è già salvato e non viene mostrato.")).toBeVisible();
  const html = await page.content();
  await signOut(page);
  return html;
}

/** From the e-mail step through the provider's login and consent pages, back to Binomio. */
async function ssoRoundTrip(page: Page, email: string, login: string, issuer: string): Promise<void> {
  await page.goto("/sign-in");
  await enterSignInEmail(page, email);
  await page.waitForURL((u) => u.href.startsWith(issuer));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password the test provider accepts");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((u) => u.href.startsWith(ORIGIN));
}



const row = async <T = Record<string, unknown>>(sql: string, ...params: (string | number)[]): Promise<T | undefined> => (await e2eDb()).get<T>(sql, params);
const count = async (sql: string, ...params: (string | number)[]) => (await row<{ n: number }>(sql, ...params))!.n;
/** The SSO refusals audited for this reason (the reason is a member of the event's JSON data, read here rather than in SQL both engines spell differently). */
const refusals = async (reason: string) =>
  (await (await e2eDb()).all<{ data: string }>("SELECT data FROM audit_events WHERE type = 'auth.sso-refused'")).filter((e) => (JSON.parse(e.data) as { reason?: string }).reason === reason).length;

test("each company's admin configures its provider; the secret is stored sealed and never shown again", async ({ page }) => {
  test.slow();
  const html = await configure(page, "alfa", { jit: true, passwordsOff: false });
  expect(html).not.toContain(COMPANIES.alfa.secret);
  await configure(page, "beta", { jit: false, passwordsOff: true });
  await configure(page, "tamper", { jit: true, passwordsOff: false });
  for (const key of Object.keys(COMPANIES) as Key[]) {
    const stored = (await row<{ client_secret_enc: string; issuer: string }>("SELECT client_secret_enc, issuer FROM company_sso WHERE company_id = ?", ids[key]))!;
    expect(stored.issuer).toBe(`http://127.0.0.1:${COMPANIES[key].port}`);
    expect(stored.client_secret_enc).toMatch(/^v1\./);
    expect(stored.client_secret_enc).not.toContain(COMPANIES[key].secret);
    expect(Buffer.from(stored.client_secret_enc.split(".")[3]!, "base64url").toString("latin1")).not.toContain(COMPANIES[key].secret);
  }
  const audit = (await row<{ data: string }>("SELECT data FROM audit_events WHERE type = 'admin.sso-update' AND subject = ? ORDER BY id DESC LIMIT 1", `company:${ids.alfa}`))!;
  expect(JSON.parse(audit.data)).toMatchObject({ kind: "oidc", clientId: COMPANIES.alfa.clientId, secretChanged: true, enabled: true, jitCreate: true });
  expect(audit.data).not.toContain(COMPANIES.alfa.secret);
});

test("a department manager, a trainer and a learner get 403 on the SSO settings", async ({ browser }) => {
  for (const email of ["responsabile@example.com", "trainer@example.com", "learner@example.com"]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, email);
    const res = await page.goto("/admin/company/sso");
    expect(res?.status(), email).toBe(403);
    await context.close();
  }
});

test("company A: a new employee is created at the first sign-in, enrolled by the company's rule, with a session in the access log", async ({ page }) => {
  await ssoRoundTrip(page, "giulia.nuova@alfa-sso.test", "giulia", alfa.issuer);
  await landed(page, /\/courses$/);
  await expect(page.getByText("Accesso come Giulia Nuova")).toBeVisible();
  const user = (await row<{ id: number; company_id: number; password_hash: string | null }>("SELECT id, company_id, password_hash FROM users WHERE email = 'giulia.nuova@alfa-sso.test'"))!;
  expect(user.company_id).toBe(ids.alfa);
  expect(user.password_hash).toBeNull();
  expect(await count("SELECT count(*) n FROM user_roles WHERE user_id = ? AND role = 'learner'", user.id)).toBe(1);
  expect(await count("SELECT count(*) n FROM effective_enrolments WHERE user_id = ?", user.id)).toBeGreaterThan(0);
  expect(await row("SELECT issuer, subject FROM sso_identities WHERE user_id = ?", user.id)).toEqual({ issuer: alfa.issuer, subject: "giulia" });
  const session = (await row<{ id: string; ip: string; ended_at: number | null }>("SELECT id, ip, ended_at FROM auth_sessions WHERE user_id = ? ORDER BY login_at DESC LIMIT 1", user.id))!;
  expect(session.ended_at).toBeNull();
  expect(session.ip).toBeTruthy();
  const signInEvent = (await row<{ data: string }>("SELECT data FROM audit_events WHERE type = 'auth.sign-in' AND session_id = ?", session.id))!;
  expect(JSON.parse(signInEvent.data)).toMatchObject({ via: `sso-${ids.alfa}` });
  expect(await count("SELECT count(*) n FROM audit_events WHERE type = 'auth.sso-jit' AND subject = ?", `user:${user.id}`)).toBe(1);
});

test("company A: an existing person is linked by verified e-mail; the subject keeps the link when the provider's e-mail changes and nobody can take it over", async ({ page, browser }) => {
  const mario = (await row<{ id: number }>("SELECT id FROM users WHERE email = 'mario.rossi@alfa-sso.test'"))!.id;
  await ssoRoundTrip(page, "mario.rossi@alfa-sso.test", "mario", alfa.issuer);
  await landed(page, /\/courses$/);
  await expect(page.getByText("Accesso come Mario Rossi")).toBeVisible();
  expect(await row("SELECT user_id, subject FROM sso_identities WHERE issuer = ? AND subject = 'mario'", alfa.issuer)).toEqual({ user_id: mario, subject: "mario" });
  expect(await count("SELECT count(*) n FROM audit_events WHERE type = 'auth.sso-link' AND subject = ?", `user:${mario}`)).toBe(1);

  // The directory renames him: the subject still leads to the same person.
  alfa.accounts.set("mario", { email: "mario.rossi.nuovo@alfa-sso.test", given_name: "Mario", family_name: "Rossi" });
  const again = await browser.newPage();
  await ssoRoundTrip(again, "mario.rossi@alfa-sso.test", "mario", alfa.issuer);
  await landed(again, /\/courses$/);
  await expect(again.getByText("Accesso come Mario Rossi")).toBeVisible();
  expect(await count("SELECT count(*) n FROM users WHERE email = 'mario.rossi.nuovo@alfa-sso.test'")).toBe(0);
  await again.close();

  // Another directory account carrying his old address cannot take his Binomio account.
  const conflicts = await refusals("conflict");
  const impostor = await browser.newPage();
  await ssoRoundTrip(impostor, "mario.rossi@alfa-sso.test", "impostor", alfa.issuer);
  await expect(impostor).toHaveURL(/\/sign-in\?sso_error=conflict$/);
  await expect(impostor.locator("main .alert--error").first()).toContainText("già collegato a un altro account aziendale");
  expect(await refusals("conflict")).toBe(conflicts + 1);
  await impostor.close();

  // Deactivated in Binomio: refused, whatever the provider says.
  await (await e2eDb()).run("UPDATE users SET active = FALSE WHERE id = ?", [mario]);
  const sessions = await count("SELECT count(*) n FROM auth_sessions WHERE user_id = ?", mario);
  const off = await browser.newPage();
  await ssoRoundTrip(off, "mario.rossi@alfa-sso.test", "mario", alfa.issuer);
  await expect(off).toHaveURL(/\/sign-in\?sso_error=deactivated$/);
  await expect(off.locator("main .alert--error").first()).toContainText("Questo account è disattivato.");
  expect(await count("SELECT count(*) n FROM auth_sessions WHERE user_id = ?", mario)).toBe(sessions);
  await off.close();
});

test("company A: a foreign e-mail domain and an unverified e-mail are refused and audited, nobody is created", async ({ page, browser }) => {
  const before = { domain: await refusals("domain"), unverified: await refusals("unverified") };
  await ssoRoundTrip(page, "eva@alfa-sso.test", "outsider", alfa.issuer);
  await expect(page).toHaveURL(/\/sign-in\?sso_error=domain$/);
  await expect(page.locator("main .alert--error").first()).toContainText("non appartiene a un dominio e-mail abilitato");
  expect(await count("SELECT count(*) n FROM users WHERE email = 'eva@altrove.test'")).toBe(0);
  expect(await refusals("domain")).toBe(before.domain + 1);

  // A new browser: the provider would otherwise remember the previous account's session.
  const other = await browser.newPage();
  await ssoRoundTrip(other, "ugo@alfa-sso.test", "unverified", alfa.issuer);
  await expect(other).toHaveURL(/\/sign-in\?sso_error=unverified$/);
  await other.close();
  expect(await count("SELECT count(*) n FROM users WHERE email = 'ugo@alfa-sso.test'")).toBe(0);
  expect(await refusals("unverified")).toBe(before.unverified + 1);
});

test("company B: round trip through its own provider, then sign-out offers the provider's sign-out", async ({ page }) => {
  await ssoRoundTrip(page, "lucia.verdi@beta-sso.test", "lucia", beta.issuer);
  await landed(page, /\/courses$/);
  await expect(page.getByText("Accesso come Lucia Verdi")).toBeVisible();
  const lucia = (await row<{ id: number }>("SELECT id FROM users WHERE email = 'lucia.verdi@beta-sso.test'"))!.id;
  expect(await row("SELECT issuer FROM sso_identities WHERE user_id = ?", lucia)).toEqual({ issuer: beta.issuer });
  const sid = (await row<{ id: string }>("SELECT id FROM auth_sessions WHERE user_id = ? AND ended_at IS NULL", lucia))!.id;

  await page.getByRole("button", { name: "Esci" }).click();
  await expect(page).toHaveURL(new RegExp(`/sign-in\\?signed_out=sso-${ids.beta}$`));
  expect((await row<{ end_reason: string }>("SELECT end_reason FROM auth_sessions WHERE id = ?", sid))!.end_reason).toBe("sign-out");
  const link = page.getByRole("link", { name: "Esci dall'account aziendale" });
  await expect(link).toHaveAttribute("href", new RegExp(`^${beta.issuer}/session/end\\?client_id=${COMPANIES.beta.clientId}&post_logout_redirect_uri=`));
});

test("company B turned passwords off for learners: the right password is refused on the server, the admin keeps hers", async ({ page, request }) => {
  // The e-mail step sends her to the provider…
  await page.goto("/sign-in");
  await enterSignInEmail(page, "lucia.verdi@beta-sso.test");
  await page.waitForURL((u) => u.href.startsWith(beta.issuer));
  // …and the password, tried through the page's password link, is refused.
  const lucia = (await row<{ id: number }>("SELECT id FROM users WHERE email = 'lucia.verdi@beta-sso.test'"))!.id;
  const sessions = await count("SELECT count(*) n FROM auth_sessions WHERE user_id = ?", lucia);
  await page.goto("/sign-in?password=1");
  await page.getByLabel("E-mail").fill("lucia.verdi@beta-sso.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Accedi" }).click();
  await expect(page.locator("main .alert--error").first()).toContainText("La tua azienda ha scelto l'accesso aziendale");
  // Straight at Auth.js, without the page: refused too.
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", { form: { email: "lucia.verdi@beta-sso.test", password: DEMO_PASSWORD, csrfToken }, maxRedirects: 0 });
  expect(res.headers()["location"]).toContain("code=sso_required");
  expect((await request.storageState()).cookies.some((c) => c.name === "authjs.session-token")).toBe(false);
  expect(await count("SELECT count(*) n FROM auth_sessions WHERE user_id = ?", lucia)).toBe(sessions);
});

test.describe("tampered id_tokens are refused with a clear message, audited, and open no session", () => {
  for (const tampering of TAMPERINGS.filter((t) => t !== "valid")) {
    test(`${tampering}`, async ({ page }) => {
      const email = `${tampering}@tamper-sso.test`;
      const before = { refused: await refusals("token"), sessions: await count("SELECT count(*) n FROM auth_sessions") };
      await page.goto("/sign-in");
      await enterSignInEmail(page, email);
      await expect(page).toHaveURL(/\/sign-in\?sso_error=token$/);
      await expect(page.locator("main .alert--error").first()).toContainText("Accesso aziendale non riuscito");
      await expect(page.locator("main .alert--error").first()).toContainText("non è valida o è scaduta");
      expect(await refusals("token")).toBe(before.refused + 1);
      const last = (await row<{ data: string }>("SELECT data FROM audit_events WHERE type = 'auth.sso-refused' ORDER BY id DESC LIMIT 1"))!;
      expect(JSON.parse(last.data)).toMatchObject({ reason: "token", provider: `sso-${ids.tamper}` });
      expect(JSON.parse(last.data).error).toBeTruthy();
      expect(await count("SELECT count(*) n FROM users WHERE email = ?", email)).toBe(0);
      expect(await count("SELECT count(*) n FROM auth_sessions")).toBe(before.sessions);
      expect((await page.context().cookies()).some((c) => c.name === "authjs.session-token")).toBe(false);
    });
  }

  test("control: the same provider's well-formed token signs in", async ({ page }) => {
    await page.goto("/sign-in");
    await enterSignInEmail(page, "valid@tamper-sso.test");
    await landed(page, /\/courses$/);
    expect(await count("SELECT count(*) n FROM users WHERE email = 'valid@tamper-sso.test'")).toBe(1);
  });

  test("a callback with a forged state is refused", async ({ page }) => {
    const before = await refusals("token");
    await page.goto(`/api/auth/callback/sso-${ids.tamper}?code=forged&state=forged`);
    await expect(page).toHaveURL(/\/sign-in\?sso_error=token$/);
    expect(await refusals("token")).toBe(before + 1);
  });
});

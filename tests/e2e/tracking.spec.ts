import { expect, test } from "@playwright/test";
import { createLearner, e2eDb, enterSignInEmail, signIn } from "./support/helpers";

const LESSON = "/courses/social-media-basics/already-online";

async function activeSeconds(email: string): Promise<number> {
  const db = await e2eDb();
  const row = await db.get<{ s: number }>("SELECT coalesce(sum(p.active_seconds), 0) AS s FROM lesson_progress p JOIN users u ON u.id = p.user_id WHERE u.email = ?", [email]);
  return row!.s;
}

test("first sign-in shows the privacy notice; the acknowledgement is stored with its version and time", async ({ page }) => {
  await createLearner("privacy.first@example.com", "Pia", "Prima");
  await page.goto("/sign-in");
  await enterSignInEmail(page, "privacy.first@example.com");
  await page.getByLabel("Password").fill("binomio-demo");
  await page.getByRole("button", { name: "Accedi" }).click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Informativa sul trattamento dei dati della formazione");
  await expect(page.getByText("il tempo attivo sulle lezioni, misurato solo mentre la pagina è visibile", { exact: false })).toBeVisible();
  // Courses stay closed until the notice is acknowledged.
  await page.goto("/courses");
  await expect(page).toHaveURL(/\/privacy$/);
  await page.getByRole("button", { name: "Ho letto l'informativa" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("I miei corsi");
  const db = await e2eDb();
  const ack = await db.all<{ notice_version: string; acknowledged_at: number }>(
    "SELECT a.notice_version, a.acknowledged_at FROM privacy_acknowledgements a JOIN users u ON u.id = a.user_id WHERE u.email = ?",
    ["privacy.first@example.com"],
  );
  expect(ack).toHaveLength(1);
  expect(ack[0]!.notice_version).toMatch(/\S+/);
  expect(Math.abs(ack[0]!.acknowledged_at - Date.now() / 1000)).toBeLessThan(120);
});

test("a visible, active lesson page earns active time; a hidden one earns nothing", async ({ page }) => {
  await createLearner("heartbeat.visible@example.com", "Vera", "Visibile");
  await signIn(page, "heartbeat.visible@example.com");
  await page.clock.install();
  await page.goto(LESSON);
  await expect(page.getByRole("button", { name: "Lezione completata" })).toBeEnabled(); // the opening is recorded
  // Real seconds pass on the server; the page's 30-second timer is driven by the fake clock.
  await page.waitForTimeout(3_000);
  await page.mouse.move(200, 300);
  await page.mouse.wheel(0, 400);
  const beat = page.waitForResponse((r) => r.url().endsWith("/api/heartbeat") && r.request().method() === "POST");
  await page.clock.runFor(30_000);
  const res = await beat;
  expect(res.status()).toBe(200);
  const { creditedSeconds } = (await res.json()) as { creditedSeconds: number };
  expect(creditedSeconds).toBeGreaterThanOrEqual(2);
  expect(creditedSeconds).toBeLessThanOrEqual(35);
  expect(await activeSeconds("heartbeat.visible@example.com")).toBe(creditedSeconds);

  // Hidden tab: no heartbeat is even sent, so no time is credited.
  const before = await activeSeconds("heartbeat.visible@example.com");
  let sent = 0;
  page.on("request", (r) => {
    if (r.url().endsWith("/api/heartbeat")) sent++;
  });
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await page.mouse.move(250, 350);
  await page.clock.runFor(95_000);
  await page.waitForTimeout(500);
  expect(sent).toBe(0);
  expect(await activeSeconds("heartbeat.visible@example.com")).toBe(before);
});

test("an idle learner (no input for two minutes) earns nothing even with the page visible", async ({ page }) => {
  await createLearner("heartbeat.idle@example.com", "Ida", "Inattiva");
  await signIn(page, "heartbeat.idle@example.com");
  await page.clock.install();
  await page.goto(LESSON);
  await expect(page.getByRole("button", { name: "Lezione completata" })).toBeEnabled();
  let sent = 0;
  page.on("request", (r) => {
    if (r.url().endsWith("/api/heartbeat")) sent++;
  });
  await page.clock.runFor(121_000); // beats at 30, 60, 90 and 120 s would be sent only while active
  const afterIdle = sent;
  await page.clock.runFor(60_000);
  expect(sent).toBe(afterIdle); // nothing once idle
  expect(afterIdle).toBeLessThanOrEqual(4);
});

test("heartbeats refuse bad input with 4xx and a message, and large bodies with 413", async ({ page }) => {
  await createLearner("heartbeat.bad@example.com", "Bea", "Boundary");
  await signIn(page, "heartbeat.bad@example.com");
  expect((await page.request.post("/api/heartbeat", { data: { courseSlug: "x" } })).status()).toBe(422);
  expect((await page.request.post("/api/heartbeat", { data: { courseSlug: "social-media-basics", lessonSlug: "never-opened" } })).status()).toBe(409);
  const big = await page.request.post("/api/heartbeat", { data: { courseSlug: "a".repeat(5000), lessonSlug: "b" } });
  expect(big.status()).toBe(413);
  expect((await page.request.post("/api/heartbeat", { data: Buffer.from("{nope"), headers: { "content-type": "application/json" } })).status()).toBe(400);
});

test("Il mio percorso shows planned vs attended time and the data download holds only my data", async ({ page }) => {
  await createLearner("me.page@example.com", "Mia", "Pagina");
  await signIn(page, "me.page@example.com");
  await page.request.post("/api/progress", { data: { courseSlug: "social-media-basics", lessonSlug: "already-online", action: "open" } });
  await page.request.post("/api/progress", { data: { courseSlug: "social-media-basics", lessonSlug: "already-online", action: "complete" } });
  await page.goto("/me");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Il mio percorso");
  const row = page.getByRole("row").filter({ hasText: "La tua azienda è già in rete" });
  await expect(row.getByText("8 min")).toBeVisible();
  await expect(row.getByText(/completata il/)).toBeVisible();
  await expect(page.getByText("Per completare manca:")).toBeVisible();
  const download = await page.request.post("/api/me/export");
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toContain("attachment");
  const data = (await download.json()) as { profile: { email: string }; lessonProgress: unknown[]; signIns: { ip: string }[]; auditEvents: { type: string }[] };
  expect(data.profile.email).toBe("me.page@example.com");
  expect(data.lessonProgress).toHaveLength(1);
  expect(data.signIns.length).toBeGreaterThan(0);
  expect(data.auditEvents.map((e) => e.type)).toEqual(expect.arrayContaining(["auth.sign-in", "privacy.acknowledge", "lesson.open", "lesson.complete"]));
  expect(JSON.stringify(data)).not.toContain("learner@example.com");
});

test("an admin edits a profile: an invalid codice fiscale is refused and nothing is saved", async ({ page }) => {
  const id = await createLearner("profile.edit@example.com", "Ugo", "Modifica");
  await signIn(page, "admin@example.com");
  await page.goto(`/admin/people/${id}`);
  await page.getByLabel("Codice fiscale").fill("RSSMRA85T10A562X");
  await page.getByLabel("Reparto", { exact: true }).fill("Magazzino");
  await page.getByRole("button", { name: "Salva", exact: true }).click();
  await expect(page.getByText("Correggi i campi segnalati: non è stato salvato nulla.")).toBeVisible();
  await expect(page.getByLabel("Codice fiscale")).toHaveAttribute("aria-invalid", "true");
  const db = await e2eDb();
  const read = () => db.get("SELECT fiscal_code, department FROM users WHERE id = ?", [id]);
  expect(await read()).toEqual({ fiscal_code: null, department: null });
  await page.getByLabel("Codice fiscale").fill("rssmra85t10a562s");
  await page.getByRole("button", { name: "Salva", exact: true }).click();
  await expect(page.getByText("Modifiche salvate.")).toBeVisible();
  expect(await read()).toEqual({ fiscal_code: "RSSMRA85T10A562S", department: "Magazzino" });
});

test("the company record refuses an invalid P.IVA", async ({ page }) => {
  await signIn(page, "admin@example.com");
  await page.goto("/admin/company");
  await page.getByLabel("Codice fiscale / Partita IVA").fill("01234567890");
  await page.getByRole("button", { name: "Salva", exact: true }).click();
  await expect(page.getByLabel("Codice fiscale / Partita IVA")).toHaveAttribute("aria-invalid", "true");
  const db = await e2eDb();
  // The admin's own company (the demo's first; PostgreSQL returns rows in no set order, so it is named).
  expect(await db.get("SELECT c.tax_code FROM companies c JOIN users u ON u.company_id = c.id WHERE u.email = ?", ["admin@example.com"])).toEqual({ tax_code: "01234567897" });
});

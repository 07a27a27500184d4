import { expect, test } from "@playwright/test";
import { apiSignIn, attemptSignIn, e2eDb, signIn, userId } from "./support/helpers";

/**
 * These tests call the server directly (route handlers, server actions, page URLs) rather
 * than clicking, so they prove the checks live on the server and not in the UI.
 */

/** The user's `active` flag as a number (1 or 0), whichever engine returns it. */
async function activeFlag(email: string): Promise<number> {
  const db = await e2eDb();
  return Number((await db.get<{ active: number | boolean }>("SELECT active FROM users WHERE email = ?", [email]))!.active);
}

test("anonymous callers of admin routes get 401 and nothing changes", async ({ request }) => {
  const target = await userId("elena.greco@example.com");
  const list = await request.get("/api/admin/people");
  expect(list.status()).toBe(401);
  const patch = await request.patch(`/api/admin/people/${target}`, { data: { active: false } });
  expect(patch.status()).toBe(401);
  expect(await activeFlag("elena.greco@example.com")).toBe(1);
});

test("a learner calling admin route handlers directly gets 403 and nothing changes", async ({ request }) => {
  await apiSignIn(request, "learner@example.com");
  const target = await userId("elena.greco@example.com");
  const list = await request.get("/api/admin/people");
  expect(list.status()).toBe(403);
  const patch = await request.patch(`/api/admin/people/${target}`, { data: { active: false } });
  expect(patch.status()).toBe(403);
  expect(await patch.json()).toMatchObject({ error: "forbidden" });
  expect(await activeFlag("elena.greco@example.com")).toBe(1);
});

test("a trainer is refused the admin API too", async ({ request }) => {
  await apiSignIn(request, "trainer@example.com");
  expect((await request.get("/api/admin/people")).status()).toBe(403);
});

test("an admin may use the API; bad input is a 4xx with a message", async ({ request }) => {
  await apiSignIn(request, "admin@example.com");
  const list = await request.get("/api/admin/people?q=elena.greco@example");
  expect(list.status()).toBe(200);
  const body = (await list.json()) as { total: number; rows: { email: string }[] };
  expect(body.total).toBe(1);
  expect(body.rows[0]?.email).toBe("elena.greco@example.com");

  const bad = await request.patch("/api/admin/people/1", { data: { active: "nope" } });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).message).toContain("active");
  const notJson = await request.patch("/api/admin/people/1", { data: Buffer.from("{oops"), headers: { "content-type": "application/json" } });
  expect(notJson.status()).toBe(400);
  const missing = await request.patch("/api/admin/people/999999", { data: { active: false } });
  expect(missing.status()).toBe(404);
  const badPage = await request.get("/api/admin/people?page=-3");
  expect(badPage.status()).toBe(422);
});

test("a learner opening an admin page gets the 403 page", async ({ page }) => {
  await signIn(page, "learner@example.com");
  await expect(page).toHaveURL(/\/courses$/);
  const res = await page.goto("/admin/people");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accesso non consentito");
  await expect(page.getByText("elena.greco@example.com")).toHaveCount(0);
  const trainer = await page.goto("/trainer");
  expect(trainer?.status()).toBe(403);
});


test("a learner posting the admin server action directly is refused and nothing changes", async ({ browser }) => {
  // The action id is public knowledge (it ships in the admin page); the check must not rely on secrecy.
  const adminCtx = await browser.newContext();
  const admin = await adminCtx.newPage();
  await signIn(admin, "admin@example.com");
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Persone");
  // The server-rendered form carries React's hidden fields (action id, bound state); read them raw.
  const html = await (await admin.request.get("/admin/people?q=greco")).text();
  const form = html.split("<form").find((f) => f.includes("Disattiva Greco Elena"));
  expect(form).toBeDefined();
  const decode = (v: string) => v.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const hidden = [...form!.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)].map(
    (m) => [decode(m[1]!), decode(m[2] ?? "")] as const,
  );
  expect(hidden.some(([n]) => n.startsWith("$ACTION"))).toBe(true);
  // Positive control: the same raw request from the admin does deactivate (so the refusal below is real).
  const control = { ...Object.fromEntries(hidden), userId: String(await userId("davide.marino@example.com")) };
  const ok = await admin.request.post("/admin/people", { multipart: control, maxRedirects: 0, headers: { origin: new URL(admin.url()).origin } });
  expect(ok.status()).toBe(200);
  expect(await activeFlag("davide.marino@example.com")).toBe(0);
  await admin.request.patch(`/api/admin/people/${control.userId}`, { data: { active: true } });
  expect(await activeFlag("davide.marino@example.com")).toBe(1);
  await adminCtx.close();

  const learnerCtx = await browser.newContext();
  const learner = await learnerCtx.newPage();
  await signIn(learner, "learner@example.com");
  await expect(learner).toHaveURL(/\/courses$/);
  const target = await userId("elena.greco@example.com");
  const multipart: Record<string, string> = Object.fromEntries(hidden);
  expect(multipart.userId).toBe(String(target));
  const res = await learner.request.post("/admin/people", {
    multipart,
    maxRedirects: 0,
    headers: { origin: new URL(learner.url()).origin },
  });
  expect(res.status()).toBe(403);
  expect(await activeFlag("elena.greco@example.com")).toBe(1);
  await learnerCtx.close();
});

test("deactivating a user ends their open session on the next request", async ({ browser }) => {
  const victimCtx = await browser.newContext();
  const victim = await victimCtx.newPage();
  await signIn(victim, "paolo.ricci@example.com");
  await expect(victim.getByRole("heading", { level: 1 })).toHaveText("I miei corsi");

  const adminCtx = await browser.newContext();
  const admin = await adminCtx.newPage();
  await signIn(admin, "admin@example.com");
  await admin.getByLabel("Cerca per nome, cognome o e-mail").fill("ricci");
  await admin.getByRole("button", { name: "Cerca" }).click();
  await admin.getByRole("button", { name: "Disattiva Ricci Paolo" }).click();
  await expect(admin.getByRole("button", { name: "Riattiva Ricci Paolo" })).toBeVisible();
  await expect(admin.getByText("Stato aggiornato.")).toBeVisible();
  expect(await activeFlag("paolo.ricci@example.com")).toBe(0);

  await victim.reload();
  await expect(victim).toHaveURL(/\/sign-in/);
  const api = await victim.request.get("/api/admin/people");
  expect(api.status()).toBe(401);

  // Deactivated people cannot sign in again either (the message is shown only with the right password).
  await attemptSignIn(victim, "paolo.ricci@example.com");
  await expect(victim.getByRole("alert").filter({ hasText: "Questo account è disattivato" })).toBeVisible();

  await admin.getByRole("button", { name: "Riattiva Ricci Paolo" }).click();
  await expect(admin.getByRole("button", { name: "Disattiva Ricci Paolo" })).toBeVisible();
  expect(await activeFlag("paolo.ricci@example.com")).toBe(1);
  await victimCtx.close();
  await adminCtx.close();
});

test("health check answers 200 with status ok", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
});

test("baseline security headers and session cookie flags", async ({ page, context }) => {
  const res = await page.goto("/sign-in");
  const h = res!.headers();
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  await signIn(page, "learner@example.com");
  await expect(page).toHaveURL(/\/courses$/);
  const session = (await context.cookies()).find((c) => c.name === "authjs.session-token");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  expect(session?.secure).toBe(false); // served over plain http on 127.0.0.1; Auth.js sets Secure on https
});

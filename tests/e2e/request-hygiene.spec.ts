import { expect, request as playwrightRequest, test } from "@playwright/test";
import { apiSignIn, createLearner, e2eDb } from "./support/helpers";

/**
 * What every request goes through before our code runs, and the rules every state-changing
 * route keeps: no 500 for a malformed URL, no forged client address in the evidence, no
 * cross-origin or simple-request write, no GET that writes, no session answer for a dead session.
 */

test("malformed percent-encoding in the path answers 400 or 404, never 500", async ({ request }) => {
  for (const path of ["/%c0", "/verify/%c0", "/api/certificates/%c0.pdf", "/courses/%E0%A4%A/x", "/api/content/%ff/assets/a.png"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect([400, 404], `${path} answered ${res.status()}`).toContain(res.status());
  }
});

test("a forged X-Forwarded-For from a client that is not a trusted proxy goes neither into the access log nor past the limits", async ({ playwright, baseURL }) => {
  await createLearner("forged.xff@example.com", "Franco", "Falso");
  const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": "203.0.113.66", "x-real-ip": "203.0.113.67" } });
  try {
    await apiSignIn(ctx, "forged.xff@example.com");
  } finally {
    await ctx.dispose();
  }
  const db = await e2eDb();
  const ips = await db.all<{ ip: string }>(
    "SELECT s.ip FROM auth_sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 'forged.xff@example.com' UNION ALL SELECT ip FROM login_attempts WHERE email = 'forged.xff@example.com'",
  );
  expect(ips.length).toBeGreaterThan(0);
  for (const { ip } of ips) expect(ip).toBe("127.0.0.1");
  const audit = (await db.get<{ data: string }>("SELECT data FROM audit_events WHERE type = 'auth.sign-in' ORDER BY id DESC LIMIT 1"))!;
  expect(audit.data).not.toContain("203.0.113");
});

test("state-changing routes refuse another origin and a non-JSON body; a same-origin JSON call passes", async ({ request, baseURL }) => {
  await createLearner("origin.check@example.com", "Orio", "Origine");
  await apiSignIn(request, "origin.check@example.com");
  const body = JSON.stringify({ courseSlug: "social-media-basics", lessonSlug: "already-online", action: "open" });
  // Another port of the same host is another origin (same site): what a no-cors fetch would send.
  const foreign = await request.post("/api/progress", { data: body, headers: { "content-type": "text/plain", origin: "http://127.0.0.1:1", "sec-fetch-site": "same-site" } });
  expect(foreign.status()).toBe(403);
  const foreignJson = await request.post("/api/progress", { data: body, headers: { "content-type": "application/json", origin: "http://127.0.0.1:1", "sec-fetch-site": "same-site" } });
  expect(foreignJson.status()).toBe(403);
  // The public language switch too: another site may not change it.
  const locale = await request.post("/api/locale", { form: { locale: "en" }, headers: { origin: "http://127.0.0.1:1" }, maxRedirects: 0 });
  expect(locale.status()).toBe(403);
  const plain = await request.post("/api/progress", { data: body, headers: { "content-type": "text/plain" } });
  expect(plain.status()).toBe(415);
  const db = await e2eDb();
  const rows = async () => (await db.get<{ n: number }>("SELECT count(*) AS n FROM lesson_progress p JOIN users u ON u.id = p.user_id WHERE u.email = 'origin.check@example.com'"))!;
  expect((await rows()).n).toBe(0);
  const own = await request.post("/api/progress", { data: body, headers: { "content-type": "application/json", origin: new URL(baseURL!).origin, "sec-fetch-site": "same-origin" } });
  expect(own.status()).toBe(200);
  expect((await rows()).n).toBe(1);
});

test("the personal data download is a POST: a GET changes nothing and is refused", async ({ request }) => {
  await createLearner("export.post@example.com", "Espo", "Posta");
  await apiSignIn(request, "export.post@example.com");
  const db = await e2eDb();
  const exports = async () => (await db.get<{ n: number }>("SELECT count(*) AS n FROM audit_events WHERE type = 'data.export'"))!.n;
  const before = await exports();
  const get = await request.get("/api/me/export");
  expect(get.status()).toBe(405);
  expect(await exports()).toBe(before);
  const post = await request.post("/api/me/export");
  expect(post.status()).toBe(200);
  expect(post.headers()["content-disposition"]).toContain("attachment");
  expect(await exports()).toBe(before + 1);
});

test("/api/auth/session answers null for a signed-out cookie", async ({ request, baseURL }) => {
  await createLearner("dead.cookie@example.com", "Dora", "Morta");
  await apiSignIn(request, "dead.cookie@example.com");
  const state = await request.storageState();
  const live = await request.get("/api/auth/session");
  expect(((await live.json()) as { user?: { email: string } }).user?.email).toBe("dead.cookie@example.com");
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  expect((await request.post("/api/auth/signout", { form: { csrfToken }, maxRedirects: 0 })).status()).toBe(302);
  // The old cookie, replayed by someone who kept it.
  const replay = await playwrightRequest.newContext({ baseURL, storageState: state });
  try {
    const res = await replay.get("/api/auth/session");
    expect(res.status()).toBe(200);
    expect(await res.json()).toBeNull();
    expect((await replay.post("/api/me/export")).status()).toBe(401);
  } finally {
    await replay.dispose();
  }
});

import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { USER_NAME_MARKER } from "../../lib/lessons/personalise";
import { apiSignIn, e2eDb, signIn, signOut, userId } from "./support/helpers";

const COURSE = "/courses/social-media-basics";

async function progressRows(email: string) {
  const db = await e2eDb();
  return db.all<{ lesson_slug: string; opened_content_hash: string; completed_at: number | null; completed_content_hash: string | null }>(
    "SELECT lesson_slug, first_opened_at, opened_content_hash, completed_at, completed_content_hash FROM lesson_progress WHERE user_id = ? ORDER BY id",
    [await userId(email)],
  );
}

async function learnerName(email: string): Promise<string> {
  const db = await e2eDb();
  const u = (await db.get<{ first_name: string; last_name: string }>("SELECT first_name, last_name FROM users WHERE email = ?", [email]))!;
  return `${u.first_name} ${u.last_name}`;
}

test("a learner reads two lessons, progress advances, and Resume lands on the third after signing in again", async ({ page }) => {
  await signIn(page, "luca.bianchi@example.com");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("I miei corsi");
  await page.getByRole("link", { name: "Social media al lavoro: le basi" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Social media al lavoro: le basi");
  await expect(page.getByText("0 di 3 lezioni completate (0%)")).toBeVisible();
  await page.getByRole("link", { name: "Inizia il corso" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("La tua azienda è già in rete");
  await page.getByRole("button", { name: "Lezione completata" }).click();
  await expect(page.getByText("Hai completato questa lezione.")).toBeVisible();
  await page.getByRole("link", { name: "Vai alla lezione successiva" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quello che pubblichi non è mai davvero privato");
  await page.getByRole("button", { name: "Lezione completata" }).click();
  await expect(page.getByText("Hai completato questa lezione.")).toBeVisible();

  await page.goto(COURSE);
  await expect(page.getByText("2 di 3 lezioni completate (66%)")).toBeVisible();
  await expect(page.locator("progress")).toHaveAttribute("value", "66");

  const rows = await progressRows("luca.bianchi@example.com");
  expect(rows.map((r) => r.lesson_slug)).toEqual(["already-online", "never-private"]);
  for (const r of rows) {
    expect(r.completed_at).not.toBeNull();
    expect(r.completed_content_hash).toMatch(/^[0-9a-f]{64}$/);
  }

  await signOut(page);
  await signIn(page, "luca.bianchi@example.com");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Social media al lavoro: le basi" }) });
  await card.getByRole("link", { name: "Riprendi" }).click();
  await expect(page).toHaveURL(/\/courses\/social-media-basics\/company-rules$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Le regole dell'azienda: la social media policy");
});

test("completing a lesson twice changes nothing", async ({ page }) => {
  await signIn(page, "learner@example.com");
  await page.goto(`${COURSE}/already-online`);
  await page.getByRole("button", { name: "Lezione completata" }).click();
  await expect(page.getByText("Hai completato questa lezione.")).toBeVisible();
  const before = await progressRows("learner@example.com");
  const again = await page.request.post("/api/progress", { data: { courseSlug: "social-media-basics", lessonSlug: "already-online", action: "complete" } });
  expect(again.status()).toBe(200);
  expect(await progressRows("learner@example.com")).toEqual(before);
});

test("forced sequence blocks a direct URL to a later lesson, on the page and in the API", async ({ page }) => {
  await signIn(page, "sara.esposito@example.com");
  await page.goto(`${COURSE}/company-rules`);
  await expect(page).toHaveURL(/\/courses\/social-media-basics\?locked=company-rules$/);
  await expect(page.getByText("Per aprire questa lezione completa prima quelle precedenti")).toBeVisible();

  const res = await page.request.post("/api/progress", { data: { courseSlug: "social-media-basics", lessonSlug: "company-rules", action: "complete" } });
  expect(res.status()).toBe(409);
  expect((await progressRows("sara.esposito@example.com")).some((r) => r.lesson_slug === "company-rules")).toBe(false);

  // The prerendered HTML itself is not served: the redirect happens before any page byte.
  const raw = await page.request.get(`${COURSE}/company-rules`, { maxRedirects: 0 });
  expect(raw.status()).toBe(307);
  expect(await raw.text()).not.toContain("social media policy");
});

test("lesson content is never sent to anonymous visitors; odd slugs are 404", async ({ request, page }) => {
  const anon = await request.get(`${COURSE}/already-online`, { maxRedirects: 0 });
  expect(anon.status()).toBe(307);
  expect(anon.headers()["location"]).toContain("/sign-in");
  expect(await anon.text()).not.toContain("Online, che lo voglia o no");
  expect((await request.get("/api/content/social-media-basics/assets/audience-circles.png")).status()).toBe(401);

  await signIn(page, "learner@example.com");
  for (const bad of [`${COURSE}/does-not-exist`, "/courses/nope/already-online", `${COURSE}/..%2F..%2Fpackage.json`, `${COURSE}/a%00b`]) {
    const res = await page.request.get(bad, { maxRedirects: 0 });
    expect(res.status(), bad).toBe(404);
  }
  // The 404 is the prerendered /page-not-found, localised, under the lesson's own URL.
  const missing = await page.goto(`${COURSE}/does-not-exist`);
  expect(missing?.status()).toBe(404);
  expect(missing?.headers()["cache-control"]).toBe("private, no-store");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pagina non trovata");
  // Dot segments are resolved by URL normalisation before any lookup: a redirect, never a file read.
  const dots = await page.request.get(`${COURSE}/%2e%2e`, { maxRedirects: 0 });
  expect(dots.status()).toBe(308);
  expect(dots.headers()["location"]).toBe("/courses");
  const img = await page.request.get("/api/content/social-media-basics/assets/audience-circles.png");
  expect(img.status()).toBe(200);
  expect(img.headers()["content-type"]).toBe("image/png");
  for (const bad of ["..%2F..%2Fcourse.yaml", "course.yaml", "x.svg"]) {
    expect((await page.request.get(`/api/content/social-media-basics/assets/${bad}`)).status(), bad).toBe(404);
  }
});

test("the prerendered lesson page cannot be reached around its route handler", async ({ request, page }) => {
  await signIn(page, "trainer@example.com");
  for (const ctx of [request, page.request]) {
    for (const url of [`/it${COURSE}/already-online`, `/en${COURSE}/already-online`]) {
      // The header the lesson route once used to fetch these pages from itself must open nothing.
      const variants: Record<string, string>[] = [{}, { "x-binomio-prerender": "forged" }, { "x-binomio-prerender": "" }];
      for (const headers of variants) {
        const res = await ctx.get(url, { maxRedirects: 0, headers });
        // The proxy drops the locale prefix: back to the checked URL, whose handler refuses these callers.
        expect(res.status(), url).toBe(307);
        expect(res.headers()["location"]).toBe(`${COURSE}/already-online`);
        expect(await res.text()).not.toContain("Online, che lo voglia o no");
      }
    }
  }
  const trainer = await page.request.get(`${COURSE}/already-online`, { maxRedirects: 0 });
  expect(trainer.status()).toBe(403);
  const denied = await trainer.text();
  expect(denied).not.toContain("Online, che lo voglia o no");
  // The prerendered /access-denied, whose header names nobody: no marker is left to fill in.
  expect(denied).not.toContain("BINOMIO-USER-NAME");
  // Next prerenders a forbidden() page as its error shell plus the payload the browser renders
  // it from: in English here, as the prefixed /en/… URL above set the language.
  const shown = await page.goto(`${COURSE}/already-online`);
  expect(shown?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Access denied");
});

test("a lesson page is revalidated by ETag, gzipped for browsers that accept it, and never stored by shared caches", async ({ page }) => {
  await signIn(page, "learner@example.com");
  const first = await page.request.get(`${COURSE}/already-online`, { headers: { "accept-encoding": "gzip" } });
  expect(first.status()).toBe(200);
  expect(first.headers()["content-encoding"]).toBe("gzip");
  expect(first.headers()["cache-control"]).toBe("private, no-cache");
  const body = await first.text();
  expect(body).toContain("Online, che lo voglia o no");
  // The bytes `next build` wrote for the page, with the learner's name in place of the marker.
  const built = fs.readFileSync(path.join(".next", "server", "app", "it", "courses", "social-media-basics", "already-online.html"), "utf8");
  expect(built).toContain(USER_NAME_MARKER);
  expect(body).toBe(built.replaceAll(USER_NAME_MARKER, await learnerName("learner@example.com")));
  const etag = first.headers()["etag"]!;
  expect(etag).toMatch(/^"[\w-]+"$/);
  const again = await page.request.get(`${COURSE}/already-online`, { headers: { "if-none-match": etag } });
  expect(again.status()).toBe(304);
  // The ETag never stands in for the access check: signed out, the same request is refused.
  await signOut(page);
  const anon = await page.request.get(`${COURSE}/already-online`, { headers: { "if-none-match": etag }, maxRedirects: 0 });
  expect(anon.status()).toBe(307);
});

test("the progress API validates its input and never trusts a user id from the body", async ({ request }) => {
  await apiSignIn(request, "elena.greco@example.com");
  const bad = await request.post("/api/progress", { data: { courseSlug: "../x", lessonSlug: "already-online", action: "complete" } });
  expect(bad.status()).toBe(422);
  const extra = await request.post("/api/progress", {
    data: { courseSlug: "social-media-basics", lessonSlug: "already-online", action: "complete", userId: 1 },
  });
  expect(extra.status()).toBe(422);
  const draft = await request.post("/api/progress", { data: { courseSlug: "social-media-basics", lessonSlug: "next-steps", action: "open" } });
  expect(draft.status()).toBe(404);
  expect(await progressRows("elena.greco@example.com")).toEqual([]);
});

test("a trainer previews a draft that learners cannot open", async ({ page, browser }) => {
  await signIn(page, "trainer@example.com");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Contenuti");
  await expect(page.getByRole("heading", { name: /Social media al lavoro: le basi/ })).toBeVisible();
  await expect(page.getByText("Nessun problema: i contenuti sono validi.")).toBeVisible();
  const draftRow = page.getByRole("row").filter({ hasText: "Prossimi passi" });
  await expect(draftRow.getByText("Bozza")).toBeVisible();
  await draftRow.getByRole("link", { name: "Prossimi passi" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Prossimi passi");
  await expect(page.getByText("Anteprima per formatori")).toBeVisible();

  const learnerCtx = await browser.newContext();
  const learner = await learnerCtx.newPage();
  await signIn(learner, "learner@example.com");
  const res = await learner.goto(`${COURSE}/next-steps`);
  expect(res?.status()).toBe(404);
  await learner.goto(COURSE);
  await expect(learner.getByText("Prossimi passi")).toHaveCount(0);
  const preview = await learner.request.get("/trainer/courses/social-media-basics/next-steps");
  expect(preview.status()).toBe(403);
  await learnerCtx.close();
});

test("English falls back to the Italian text with a notice when a lesson has no English file", async ({ page, context }) => {
  await signIn(page, "trainer@example.com");
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: page.url() }]);
  await page.goto("/trainer/courses/social-media-basics/next-steps");
  await expect(page.getByText("This lesson is not available in English yet")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Prossimi passi");
  await page.goto("/trainer/courses/social-media-basics/already-online");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your company is already online");
});

test("the course page is the build's frame with the learner's own page inside, never stored, and its prefixed URL leads back to it", async ({ page }) => {
  await signIn(page, "learner@example.com");
  const res = await page.request.get(COURSE);
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toBe("private, no-store");
  const body = await res.text();
  expect(body).not.toContain("%%BINOMIO-");
  expect(body).toContain(await learnerName("learner@example.com"));
  // The frame `next build` wrote, around the learner's page.
  const built = fs.readFileSync(path.join(".next", "server", "app", "it", "courses", "social-media-basics.html"), "utf8");
  expect(body.slice(0, 200)).toBe(built.slice(0, 200));
  const prefixed = await page.request.get(`/it${COURSE}`, { maxRedirects: 0 });
  expect(prefixed.status()).toBe(307);
  expect(prefixed.headers()["location"]).toMatch(new RegExp(`${COURSE}$`));
  // The page hydrates without replacing what the server sent.
  const errors: string[] = [];
  page.on("console", (m) => (m.type() === "error" ? errors.push(m.text()) : undefined));
  await page.goto(COURSE);
  await expect(page.locator("progress")).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Lessons" })).toBeVisible();
  expect(errors).toEqual([]);
});

test("Esci works on the prerendered pages (lesson and course page), which cannot receive a server action", async ({ page }) => {
  await signIn(page, "learner@example.com");
  await page.goto(`${COURSE}/already-online`);
  await signOut(page);
  const lesson = await page.request.get(`${COURSE}/already-online`, { maxRedirects: 0 });
  expect(lesson.status()).toBe(307);
  expect(lesson.headers()["location"]).toContain("/sign-in");
  await signIn(page, "learner@example.com");
  await page.goto(COURSE);
  await signOut(page);
  expect((await page.request.get(COURSE, { maxRedirects: 0 })).status()).toBe(307);
});

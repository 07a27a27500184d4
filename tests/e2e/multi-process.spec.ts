import { expect, test, type APIRequestContext } from "@playwright/test";
import { apiSignIn, createLearner, e2eDb, userId } from "./support/helpers";

/**
 * Only with E2E_PROCESSES=2 or more (playwright.config.ts): the site is then several `next start`
 * processes on one database behind the round-robin proxy, which alternates each learner's
 * requests and names the process that answered (`X-Served-By`). Issue #24: whichever process a
 * request reaches, the session, the lesson's clock and a sign-out are the same.
 */
const COURSE = "social-media-basics";
const LESSON = "already-online";

async function served(res: Awaited<ReturnType<APIRequestContext["post"]>>, by: string[]) {
  by.push(res.headers()["x-served-by"] ?? "none");
  return res;
}

test("a learner's consecutive requests reach different processes: one session, one lesson clock, and a sign-out on one ends it on all", async ({ playwright, baseURL }) => {
  const email = "two.processes@example.com";
  await createLearner(email, "Duo", "Processi");
  const ctx = await playwright.request.newContext({ baseURL });
  const by: string[] = [];
  let credited = 0;
  try {
    await apiSignIn(ctx, email);
    const started = Date.now();
    const opened = await served(await ctx.post("/api/progress", { data: { courseSlug: COURSE, lessonSlug: LESSON, action: "open" } }), by);
    expect(opened.status()).toBe(200);
    // Heartbeats right after the opening, alternating processes: the learner's clock is the
    // database's, so together they are worth no more than the time that actually passed.
    for (let i = 0; i < 4; i++) {
      const beat = await served(await ctx.post("/api/heartbeat", { data: { courseSlug: COURSE, lessonSlug: LESSON } }), by);
      expect(beat.status()).toBe(200);
      credited += ((await beat.json()) as { creditedSeconds: number }).creditedSeconds;
    }
    expect(credited).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 1000));
    expect(new Set(by).size, `served by ${by.join(",")}`).toBeGreaterThanOrEqual(2);

    // The cookie as it was before signing out, resent to every process (each has verified and memoised it by now).
    const { cookies } = await ctx.storageState();
    const out = await ctx.post("/api/sign-out", { headers: { origin: baseURL! }, maxRedirects: 0 });
    expect(out.status()).toBe(303);
    const stale = await playwright.request.newContext({ baseURL, storageState: { cookies, origins: [] } });
    try {
      const after: string[] = [];
      for (let i = 0; i < 4; i++) {
        const beat = await served(await stale.post("/api/heartbeat", { data: { courseSlug: COURSE, lessonSlug: LESSON } }), after);
        expect(beat.status()).toBe(401);
      }
      expect(new Set(after).size, `served by ${after.join(",")}`).toBeGreaterThanOrEqual(2);
    } finally {
      await stale.dispose();
    }
  } finally {
    await ctx.dispose();
  }
  const db = await e2eDb();
  const id = await userId(email);
  // Behind the trusted proxy the access log has the address the proxy saw, nothing of the client's own headers.
  expect(await db.all("SELECT ip FROM auth_sessions WHERE user_id = ?", [id])).toEqual([{ ip: "127.0.0.1" }]);
  expect(await db.get("SELECT coalesce(sum(active_seconds), 0) AS s FROM lesson_progress WHERE user_id = ?", [id])).toEqual({ s: credited });
});

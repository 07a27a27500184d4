import { expect, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { databaseFingerprint as fingerprint, ensureLearner, signIn, userId } from "./support/helpers";

/**
 * Property-based hostile input over every JSON boundary, over real HTTP: random and boundary
 * values, wrong types, huge strings, RTL/emoji/NUL, `__proto__` keys, numbers as strings,
 * missing fields. Every answer must be a 4xx with a message — never a 5xx — and a refused
 * request must leave the database exactly as it was. Runs in the "isolated" project: its own
 * server and database, one file at a time.
 */

const weird = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom("", " ", "\u0000", "../..", "a/b", "%2e%2e", "\u202Eevil", "😀".repeat(30), "x".repeat(5_000), "__proto__", "constructor", "12", "-1", "NaN", "true"),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 4 }),
);
/** An object with some of the expected keys (or prototype-pollution keys) holding weird values. */
const body = (keys: string[]) =>
  fc.oneof(
    weird,
    fc.dictionary(fc.constantFrom(...keys, "__proto__", "constructor", "extra"), weird, { maxKeys: keys.length + 2 }),
    fc.constant(JSON.parse('{"__proto__":{"admin":true},"courseSlug":"social-media-basics"}')),
  );

const ENDPOINTS: { name: string; method: "POST" | "PATCH"; url: (ids: { attempt: number; user: number }) => string; keys: string[]; as: "learner" | "admin" }[] = [
  { name: "heartbeat", method: "POST", url: () => "/api/heartbeat", keys: ["courseSlug", "lessonSlug"], as: "learner" },
  { name: "progress", method: "POST", url: () => "/api/progress", keys: ["courseSlug", "lessonSlug", "action"], as: "learner" },
  { name: "quiz start", method: "POST", url: () => "/api/quiz/attempts", keys: ["courseSlug", "quizId"], as: "learner" },
  { name: "quiz submit", method: "POST", url: (i) => `/api/quiz/attempts/${i.attempt}/submit`, keys: ["answers"], as: "learner" },
  { name: "presence answer", method: "POST", url: () => "/api/presence-checks/999999999", keys: ["answer"], as: "learner" },
  { name: "admin people patch", method: "PATCH", url: (i) => `/api/admin/people/${i.user}`, keys: ["active"], as: "admin" },
];

let learner: APIRequestContext;
let admin: APIRequestContext;
let ids: { attempt: number; user: number };

// Runs again in the new worker that carries on after a failed test: it only finds what it made before.
test.beforeAll(async ({ browser }) => {
  test.setTimeout(60_000);
  await ensureLearner("hostile@example.com", "Ostile", "Input");
  const lc = await browser.newContext();
  const lp = await lc.newPage();
  await signIn(lp, "hostile@example.com");
  learner = lc.request;
  const ac = await browser.newContext();
  const ap = await ac.newPage();
  await signIn(ap, "admin@example.com");
  admin = ac.request;
  await learner.post("/api/progress", { data: { courseSlug: "social-media-basics", lessonSlug: "already-online", action: "open" } });
  const start = await learner.post("/api/quiz/attempts", { data: { courseSlug: "social-media-basics", quizId: "already-online-check" } });
  ids = { attempt: ((await start.json()) as { attemptId: number }).attemptId, user: await userId("learner@example.com") };
});

for (const ep of ENDPOINTS) {
  test(`${ep.name}: random and hostile bodies get a 4xx with a message and change nothing`, async () => {
    test.setTimeout(120_000);
    await fc.assert(
      fc.asyncProperty(body(ep.keys), fc.boolean(), async (value, raw) => {
        const before = await fingerprint();
        const r = ep.as === "learner" ? learner : admin;
        const payload = raw ? Buffer.from(String(JSON.stringify(value)).slice(0, -1) || "{") : Buffer.from(JSON.stringify(value) ?? "null");
        const res = await r.fetch(ep.url(ids), { method: ep.method, data: payload, headers: { "content-type": "application/json" } });
        expect(res.status(), `${ep.name} ${payload.toString().slice(0, 80)}`).toBeLessThan(500);
        if (res.status() >= 400) {
          const json = (await res.json()) as { message?: string };
          expect(typeof json.message).toBe("string");
          expect(await fingerprint()).toBe(before);
        }
      }),
      { numRuns: 40 },
    );
  });
}

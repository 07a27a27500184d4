import { createHash } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { createLearner, openE2eDb, signIn } from "./support/helpers";

/**
 * Property-based hostile input over every JSON boundary, over real HTTP: random and boundary
 * values, wrong types, huge strings, RTL/emoji/NUL, `__proto__` keys, numbers as strings,
 * missing fields. Every answer must be a 4xx with a message — never a 5xx — and a refused
 * request must leave the database exactly as it was. Runs in the serial "matrix" project.
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

function fingerprint(): string {
  const db = openE2eDb();
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    const h = createHash("sha256");
    for (const t of tables) {
      for (const r of db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all() as Record<string, unknown>[]) {
        if (t === "auth_sessions") delete r.last_seen_at;
        h.update(`${t}:${JSON.stringify(r)}\n`);
      }
    }
    return h.digest("hex");
  } finally {
    db.close();
  }
}

const ENDPOINTS: { name: string; method: "POST" | "PATCH"; url: (ids: { attempt: number; user: number }) => string; keys: string[]; as: "learner" | "admin" }[] = [
  { name: "heartbeat", method: "POST", url: () => "/api/heartbeat", keys: ["courseSlug", "lessonSlug"], as: "learner" },
  { name: "progress", method: "POST", url: () => "/api/progress", keys: ["courseSlug", "lessonSlug", "action"], as: "learner" },
  { name: "quiz start", method: "POST", url: () => "/api/quiz/attempts", keys: ["courseSlug", "quizId"], as: "learner" },
  { name: "quiz submit", method: "POST", url: (i) => `/api/quiz/attempts/${i.attempt}/submit`, keys: ["answers"], as: "learner" },
  { name: "admin people patch", method: "PATCH", url: (i) => `/api/admin/people/${i.user}`, keys: ["active"], as: "admin" },
];

test.describe.configure({ mode: "serial" });

let learner: APIRequestContext;
let admin: APIRequestContext;
let ids: { attempt: number; user: number };

test("set up", async ({ browser }) => {
  await createLearner("hostile@example.com", "Ostile", "Input");
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
  const db = openE2eDb();
  const user = db.prepare("SELECT id FROM users WHERE email = 'learner@example.com'").get() as { id: number };
  db.close();
  ids = { attempt: ((await start.json()) as { attemptId: number }).attemptId, user: user.id };
});

for (const ep of ENDPOINTS) {
  test(`${ep.name}: random and hostile bodies get a 4xx with a message and change nothing`, async () => {
    test.setTimeout(120_000);
    await fc.assert(
      fc.asyncProperty(body(ep.keys), fc.boolean(), async (value, raw) => {
        const before = fingerprint();
        const r = ep.as === "learner" ? learner : admin;
        const payload = raw ? Buffer.from(String(JSON.stringify(value)).slice(0, -1) || "{") : Buffer.from(JSON.stringify(value) ?? "null");
        const res = await r.fetch(ep.url(ids), { method: ep.method, data: payload, headers: { "content-type": "application/json" } });
        expect(res.status(), `${ep.name} ${payload.toString().slice(0, 80)}`).toBeLessThan(500);
        if (res.status() >= 400) {
          const json = (await res.json()) as { message?: string };
          expect(typeof json.message).toBe("string");
          expect(fingerprint()).toBe(before);
        }
      }),
      { numRuns: 40 },
    );
  });
}

import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { asc } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { AUDIT_EVENT_TYPES } from "@/lib/audit/events";
import { auditEventHash, GENESIS_HASH } from "@/lib/audit/hash";
import { appendAuditEvent, verifyAuditChain } from "@/lib/audit/trail";
import { tempDb } from "./support/temp-db";

const ROOT = path.resolve(".");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const T0 = Date.UTC(2026, 2, 1, 9, 0, 0); // 2026-03-01T09:00:00Z

/** Event `i` (1-based) of the standard test trail: one minute apart, cycling through the types. */
const event = (i: number) => ({
  type: AUDIT_EVENT_TYPES[i % AUDIT_EVENT_TYPES.length]!,
  actorUserId: (i % 3) + 1,
  sessionId: `session-${i % 4}`,
  subject: `course/lesson-${i}`,
  data: { n: i, nested: { z: true, a: [i, "x"] } },
  at: new Date(T0 + i * 60_000),
});

/**
 * 50 events; 11–20 are appended inside a caller's write transaction and 21–25 inside a
 * savepoint nested in another, each together with another write.
 */
async function seedFifty(t: ReturnType<typeof tempDb>) {
  for (let i = 1; i <= 10; i++) await appendAuditEvent(t, event(i));
  await t.write(async () => {
    await t.run("INSERT INTO companies (name) VALUES ('Acme')");
    for (let i = 11; i <= 20; i++) await appendAuditEvent(t, event(i));
  });
  await t.write(async (outer) =>
    outer.write(async (tx) => {
      await tx.run("INSERT INTO companies (name) VALUES ('Beta')");
      for (let i = 21; i <= 25; i++) await appendAuditEvent(tx, event(i));
    }),
  );
  for (let i = 26; i <= 50; i++) await appendAuditEvent(t, event(i));
}

const dropTrigger = (t: ReturnType<typeof tempDb>, name: "audit_events_no_update" | "audit_events_no_delete") =>
  t.sqlite.exec(`DROP TRIGGER ${name}`);

function runCli(databasePath: string) {
  const r = spawnSync(TSX, ["--conditions=react-server", "scripts/audit-verify.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: databasePath },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("audit trail", () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => {
    t = tempDb();
  });
  afterEach(() => t.close());

  it("appends 50 events, some inside a caller's transaction, into a chain that verifies", async () => {
    await seedFifty(t);
    expect(await verifyAuditChain(t)).toEqual({ ok: true, count: 50 });

    const rows = t.orm.select().from(auditEvents).orderBy(asc(auditEvents.id)).all();
    expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(rows[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(50);
    expect(rows[16]).toMatchObject({
      id: 17,
      at: new Date(T0 + 17 * 60_000),
      type: event(17).type,
      actorUserId: 3,
      sessionId: "session-1",
      subject: "course/lesson-17",
      data: '{"n":17,"nested":{"a":[17,"x"],"z":true}}',
    });
    expect(t.sqlite.prepare("SELECT count(*) AS n FROM companies").get()).toEqual({ n: 2 });
  });

  it("returns the stored row, with the time truncated to the second and the hash recomputable", async () => {
    const e = await appendAuditEvent(t, { type: "privacy.acknowledge", actorUserId: 5, at: new Date(T0 + 1_999), data: { version: "2026-01" } });
    expect(e).toEqual(t.orm.select().from(auditEvents).get());
    expect(e.at).toEqual(new Date(T0 + 1_000));
    expect(e).toMatchObject({ id: 1, sessionId: null, subject: null, prevHash: GENESIS_HASH });
    expect(e.hash).toBe(
      auditEventHash(GENESIS_HASH, { id: 1, at: T0 / 1000 + 1, type: "privacy.acknowledge", actorUserId: 5, sessionId: null, subject: null, data: { version: "2026-01" } }),
    );
    const defaulted = await appendAuditEvent(t, { type: "auth.sign-out" });
    expect(defaulted.data).toBe("{}");
    expect(Math.abs(defaulted.at.getTime() - Date.now())).toBeLessThan(2_000);
    expect(await verifyAuditChain(t)).toEqual({ ok: true, count: 2 });
  });

  it("rolls events back with the caller's transaction and keeps the chain intact", async () => {
    await seedFifty(t);
    await expect(
      t.write(async () => {
        await appendAuditEvent(t, event(51));
        await appendAuditEvent(t, event(52));
        throw new Error("caller failed");
      }),
    ).rejects.toThrow("caller failed");
    // A savepoint that fails takes its events with it; the enclosing transaction commits the rest.
    await t.write(async (tx) => {
      await tx.run("INSERT INTO companies (name) VALUES ('Gamma')");
      await expect(
        tx.write(async (sp) => {
          await appendAuditEvent(sp, event(51));
          throw new Error("savepoint failed");
        }),
      ).rejects.toThrow("savepoint failed");
    });
    expect(await t.get("SELECT count(*) AS n FROM companies WHERE name = 'Gamma'")).toEqual({ n: 1 });
    expect(t.sqlite.inTransaction).toBe(false);
    expect(await verifyAuditChain(t)).toEqual({ ok: true, count: 50 });
    expect((await appendAuditEvent(t, event(51))).id).toBe(51);
    expect(await verifyAuditChain(t)).toEqual({ ok: true, count: 51 });
  });

  it("stores odd text safely: unicode, a lone surrogate, dates inside data", async () => {
    await appendAuditEvent(t, { type: "admin.user-update", subject: "utente/Niccolò \uD800 😀", data: { when: new Date(T0), note: "perché" } });
    expect(await verifyAuditChain(t)).toEqual({ ok: true, count: 1 });
    expect(t.orm.select().from(auditEvents).get()?.data).toBe('{"note":"perché","when":"2026-03-01T09:00:00.000Z"}');
  });

  it("refuses invalid input before writing", async () => {
    await expect(appendAuditEvent(t, { type: "lesson.open", at: new Date(Number.NaN) })).rejects.toThrow(RangeError);
    await expect(appendAuditEvent(t, { type: "lesson.open", actorUserId: 1.5 })).rejects.toThrow(RangeError);
    await expect(appendAuditEvent(t, { type: "lesson.open", data: { big: 1n } })).rejects.toThrow(TypeError);
    expect(await verifyAuditChain(t)).toEqual({ ok: true, count: 0 });
  });

  it("the triggers refuse UPDATE and DELETE while present", async () => {
    await seedFifty(t);
    expect(() => t.sqlite.prepare("UPDATE audit_events SET data = '{}' WHERE id = 17").run()).toThrow(/append-only/);
    expect(() => t.sqlite.prepare("DELETE FROM audit_events WHERE id = 30").run()).toThrow(/append-only/);
    expect(() => t.sqlite.prepare("DELETE FROM audit_events").run()).toThrow(/append-only/);
    expect(await verifyAuditChain(t)).toEqual({ ok: true, count: 50 });
  });

  it("reports an edited event as hash-mismatch at its id", async () => {
    await seedFifty(t);
    dropTrigger(t, "audit_events_no_update");
    t.sqlite.prepare(`UPDATE audit_events SET data = '{"n":999}' WHERE id = 17`).run();
    expect(await verifyAuditChain(t)).toEqual({
      ok: false,
      firstBadId: 17,
      reason: "hash-mismatch",
      count: 16,
      row: { id: 17, at: new Date(T0 + 17 * 60_000), type: event(17).type },
    });
  });

  it("reports an edited time, actor or unparseable data as hash-mismatch", async () => {
    await seedFifty(t);
    dropTrigger(t, "audit_events_no_update");
    t.sqlite.prepare("UPDATE audit_events SET at = at + 1 WHERE id = 40").run();
    expect(await verifyAuditChain(t)).toMatchObject({ ok: false, firstBadId: 40, reason: "hash-mismatch" });
    t.sqlite.prepare("UPDATE audit_events SET actor_user_id = 99 WHERE id = 25").run();
    expect(await verifyAuditChain(t)).toMatchObject({ ok: false, firstBadId: 25, reason: "hash-mismatch" });
    t.sqlite.prepare("UPDATE audit_events SET data = 'not json' WHERE id = 3").run();
    expect(await verifyAuditChain(t)).toMatchObject({ ok: false, firstBadId: 3, reason: "hash-mismatch", count: 2 });
  });

  it("a forger who recomputes the edited event's hash breaks the link at the next event", async () => {
    await seedFifty(t);
    dropTrigger(t, "audit_events_no_update");
    const prev = t.sqlite.prepare("SELECT hash FROM audit_events WHERE id = 16").get() as { hash: string };
    const forged = auditEventHash(prev.hash, { ...event(17), id: 17, at: (T0 + 17 * 60_000) / 1000, data: { n: 999 } });
    t.sqlite.prepare(`UPDATE audit_events SET data = '{"n":999}', hash = ? WHERE id = 17`).run(forged);
    expect(await verifyAuditChain(t)).toMatchObject({ ok: false, firstBadId: 18, reason: "broken-link", count: 17 });
  });

  it("reports a deleted event as a gap at the missing id", async () => {
    await seedFifty(t);
    dropTrigger(t, "audit_events_no_delete");
    t.sqlite.prepare("DELETE FROM audit_events WHERE id = 30").run();
    expect(await verifyAuditChain(t)).toEqual({
      ok: false,
      firstBadId: 30,
      reason: "gap",
      count: 29,
      row: { id: 31, at: new Date(T0 + 31 * 60_000), type: event(31).type },
    });
  });

  it("reports a deletion hidden by renumbering the following ids as a broken link", async () => {
    await seedFifty(t);
    dropTrigger(t, "audit_events_no_delete");
    dropTrigger(t, "audit_events_no_update");
    t.sqlite.prepare("DELETE FROM audit_events WHERE id = 30").run();
    for (let id = 31; id <= 50; id++) t.sqlite.prepare("UPDATE audit_events SET id = id - 1 WHERE id = ?").run(id);
    expect(await verifyAuditChain(t)).toMatchObject({ ok: false, firstBadId: 30, reason: "broken-link", count: 29 });
  });

  it("reports swapped events at the first moved one", async () => {
    await seedFifty(t);
    dropTrigger(t, "audit_events_no_update");
    const cols = "at, type, actor_user_id, session_id, subject, data, prev_hash, hash";
    t.sqlite.exec(`
      CREATE TEMP TABLE swap AS SELECT id, ${cols} FROM audit_events WHERE id IN (10, 11);
      UPDATE audit_events SET (${cols}) = (SELECT ${cols} FROM swap WHERE swap.id = 21 - audit_events.id) WHERE id IN (10, 11);
    `);
    expect(await verifyAuditChain(t)).toMatchObject({ ok: false, firstBadId: 10, reason: "broken-link", count: 9 });

    // Swapping only the payloads (keeping each row's hashes) is caught by the hash instead.
    const other = tempDb();
    try {
      await seedFifty(other);
      dropTrigger(other, "audit_events_no_update");
      const payload = "at, type, actor_user_id, session_id, subject, data";
      other.sqlite.exec(`
        CREATE TEMP TABLE swap AS SELECT id, ${payload} FROM audit_events WHERE id IN (10, 11);
        UPDATE audit_events SET (${payload}) = (SELECT ${payload} FROM swap WHERE swap.id = 21 - audit_events.id) WHERE id IN (10, 11);
      `);
      expect(await verifyAuditChain(other)).toMatchObject({ ok: false, firstBadId: 10, reason: "hash-mismatch", count: 9 });
    } finally {
      void other.close();
    }
  });

  it("reports the newest events cut off the end as truncated", async () => {
    await seedFifty(t);
    dropTrigger(t, "audit_events_no_delete");
    t.sqlite.prepare("DELETE FROM audit_events WHERE id >= 49").run();
    expect(await verifyAuditChain(t)).toEqual({
      ok: false,
      firstBadId: 49,
      reason: "truncated",
      count: 48,
      row: { id: 48, at: new Date(T0 + 48 * 60_000), type: event(48).type },
    });
    t.sqlite.prepare("DELETE FROM audit_events").run();
    expect(await verifyAuditChain(t)).toMatchObject({ ok: false, firstBadId: 1, reason: "truncated", count: 0, row: null });
  });

  it("keeps one chain when several processes append at the same time", async () => {
    const PER_WORKER = 150;
    const worker = path.join(t.dir, "append-worker.ts");
    fs.writeFileSync(
      worker,
      `import fs from "node:fs";
import path from "node:path";
import { openDatabase } from ${JSON.stringify(path.join(ROOT, "db/open.ts"))};
import { appendAuditEvent } from ${JSON.stringify(path.join(ROOT, "lib/audit/trail.ts"))};
const d = openDatabase(process.env.DATABASE_PATH);
const pause = new Int32Array(new SharedArrayBuffer(4));
// A barrier: start together, so the appends really interleave.
const barrier = process.argv[3];
fs.writeFileSync(path.join(barrier, process.argv[2]), "");
const until = Date.now() + 20_000;
while (fs.readdirSync(barrier).length < 3 && Date.now() < until) Atomics.wait(pause, 0, 0, 5);
async function main() {
  for (let i = 0; i < PER_WORKER; i++) {
    await appendAuditEvent(d, { type: "lesson.open", subject: process.argv[2] + "/" + i });
    Atomics.wait(pause, 0, 0, 1); // let the others take the lock now and then
  }
  d.sqlite.close();
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
`.replace("PER_WORKER", String(PER_WORKER)),
    );
    const barrier = path.join(t.dir, "barrier");
    fs.mkdirSync(barrier);
    const run = (name: string) =>
      new Promise<number | null>((resolve, reject) => {
        const child = spawn(TSX, ["--conditions=react-server", worker, name, barrier], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: t.file }, stdio: "inherit" });
        child.on("error", reject);
        child.on("exit", resolve);
      });
    expect(await Promise.all([run("a"), run("b"), run("c")])).toEqual([0, 0, 0]);
    expect(await verifyAuditChain(t)).toEqual({ ok: true, count: 3 * PER_WORKER });
    const perWorker = t.sqlite.prepare("SELECT substr(subject, 1, 1) AS w, count(*) AS n FROM audit_events GROUP BY w ORDER BY w").all();
    expect(perWorker).toEqual([
      { w: "a", n: PER_WORKER },
      { w: "b", n: PER_WORKER },
      { w: "c", n: PER_WORKER },
    ]);
    // Interleaved, not one worker after the other: otherwise the test proves nothing about locking.
    const order = (t.sqlite.prepare("SELECT substr(subject, 1, 1) AS w FROM audit_events ORDER BY id").all() as { w: string }[]).map((r) => r.w).join("");
    expect(order.match(/(.)(?!\1)/g)!.length).toBeGreaterThan(3);
  }, 60_000);

  it("the CLI exits 0 on an intact chain and 1 with the first bad id after tampering", async () => {
    await seedFifty(t);
    const ok = runCli(t.file);
    expect(ok.stdout.trim()).toBe("audit chain OK: 50 events");
    expect(ok.code).toBe(0);

    dropTrigger(t, "audit_events_no_update");
    t.sqlite.prepare(`UPDATE audit_events SET data = '{"n":999}' WHERE id = 17`).run();
    const broken = runCli(t.file);
    expect(broken.stdout).toContain(`audit chain BROKEN at event #17: hash-mismatch (#17, ${new Date(T0 + 17 * 60_000).toISOString()}, ${event(17).type})`);
    expect(broken.stdout).toContain("16 events verified before the problem.");
    expect(broken.code).toBe(1);
  }, 60_000);

  it("the CLI names the missing event of a gap", async () => {
    await seedFifty(t);
    dropTrigger(t, "audit_events_no_delete");
    t.sqlite.prepare("DELETE FROM audit_events WHERE id = 30").run();
    const r = runCli(t.file);
    expect(r.stdout).toContain("audit chain BROKEN at event #30: gap (event #30 is missing; next stored event #31,");
    expect(r.code).toBe(1);
  }, 30_000);

  it("the CLI exits 2 without creating a database that does not exist", () => {
    const missing = path.join(t.dir, "absent", "none.db");
    const r = runCli(missing);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no database at");
    expect(fs.existsSync(missing)).toBe(false);
  }, 30_000);
});

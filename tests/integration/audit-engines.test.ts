/**
 * The audit hash chain on both engines (lib/audit/trail.ts: appendAuditEvent, verifyAuditChain):
 * appended in one order by several processes at once, rolled back with its transaction, and
 * every kind of tampering found by the same verifier. The synchronous SQLite-only functions
 * have their own suite (audit.test.ts).
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "@/db/engine/types";
import { appendAuditEvent, verifyAuditChain } from "@/lib/audit/trail";
import { engineFactories, type OpenedEngine } from "../support/engines";

const ROOT = path.resolve(".");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);

async function appendMany(engine: Engine, from: number, to: number) {
  for (let i = from; i <= to; i++) {
    await appendAuditEvent(engine, { type: "lesson.open", actorUserId: i % 3, subject: `lesson-${i}`, data: { n: i, nested: { b: [i], a: "x" } }, at: new Date(T0 + i * 60_000) });
  }
}

/** Lets the test edit and delete events, as someone with the database's owner rights could. */
async function allowTampering(engine: Engine) {
  if (engine.dialect === "sqlite") {
    await engine.run("DROP TRIGGER audit_events_no_update");
    await engine.run("DROP TRIGGER audit_events_no_delete");
  } else {
    await engine.run("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update");
    await engine.run("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_delete");
  }
}

function runCli(location: OpenedEngine["location"]) {
  const r = spawnSync(TSX, ["--conditions=react-server", "scripts/audit-verify.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "", DATABASE_PATH: "", ...location },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.each(engineFactories())("audit chain on $name", (factory) => {
  let opened: OpenedEngine[] = [];
  const open = async () => {
    const o = await factory.open({ migrate: true });
    opened.push(o);
    return o;
  };
  afterAll(async () => {
    await Promise.all(opened.map((o) => o.close()));
    opened = [];
  });

  it("appends a chain that verifies, inside a caller's transaction too, and rolls back with it", async () => {
    const { engine } = await open();
    await appendMany(engine, 1, 10);
    await engine.write(async (tx) => {
      await tx.run("INSERT INTO companies (name) VALUES ('Acme')");
      for (let i = 11; i <= 15; i++) await appendAuditEvent(tx, { type: "lesson.open", subject: `lesson-${i}`, at: new Date(T0 + i * 60_000) });
    });
    await expect(
      engine.write(async (tx) => {
        await appendAuditEvent(tx, { type: "lesson.open", subject: "rolled back" });
        throw new Error("the caller fails");
      }),
    ).rejects.toThrow("the caller fails");
    const stored = await appendAuditEvent(engine, { type: "lesson.open", subject: "after", data: { z: 1, a: 2 } });
    expect(stored).toMatchObject({ id: 16, subject: "after", data: '{"a":2,"z":1}' });
    expect(await verifyAuditChain(engine)).toEqual({ ok: true, count: 16 });
    expect(await engine.get("SELECT count(*) AS n FROM audit_events WHERE subject = 'rolled back'")).toEqual({ n: 0 });
  });

  it("finds an edited event, a deleted one and the newest ones cut off", async () => {
    const { engine } = await open();
    await appendMany(engine, 1, 1200); // more than one verifier batch
    expect(await verifyAuditChain(engine)).toEqual({ ok: true, count: 1200 });
    await allowTampering(engine);

    await engine.run(`UPDATE audit_events SET data = '{"n":999}' WHERE id = 1100`);
    expect(await verifyAuditChain(engine)).toEqual({
      ok: false,
      firstBadId: 1100,
      reason: "hash-mismatch",
      count: 1099,
      row: { id: 1100, at: new Date(T0 + 1100 * 60_000), type: "lesson.open" },
    });
    await engine.run("DELETE FROM audit_events WHERE id = 30");
    expect(await verifyAuditChain(engine)).toMatchObject({ ok: false, firstBadId: 30, reason: "gap", count: 29 });

    const { engine: other } = await open();
    await appendMany(other, 1, 20);
    await allowTampering(other);
    await other.run("DELETE FROM audit_events WHERE id >= 19");
    expect(await verifyAuditChain(other)).toMatchObject({ ok: false, firstBadId: 19, reason: "truncated", count: 18, row: { id: 18 } });
  });

  it("keeps one chain when several processes append at the same time", async () => {
    const PER_WORKER = 100;
    const { engine, location } = await open();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-audit-workers-"));
    const worker = path.join(dir, "append-worker.mts");
    fs.writeFileSync(
      worker,
      `import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { openEngine } from ${JSON.stringify(path.join(ROOT, "db/engine/open.ts"))};
import { appendAuditEvent } from ${JSON.stringify(path.join(ROOT, "lib/audit/trail.ts"))};
const [name, barrier] = process.argv.slice(2);
const engine = await openEngine({ url: process.env.DATABASE_URL || undefined, file: process.env.DATABASE_PATH || "" }, { migrate: false });
// A barrier: start together, so the appends really interleave.
fs.writeFileSync(barrier + "/" + name, "");
const until = Date.now() + 20_000;
while (fs.readdirSync(barrier).length < 3 && Date.now() < until) await sleep(5);
for (let i = 0; i < ${PER_WORKER}; i++) {
  await appendAuditEvent(engine, { type: "lesson.open", subject: name + "/" + i });
  if (i % 10 === 0) await sleep(1); // let the others take the lock now and then
}
await engine.close();
`,
    );
    const barrier = path.join(dir, "barrier");
    fs.mkdirSync(barrier);
    const run = (name: string) =>
      new Promise<number | null>((resolve, reject) => {
        const child = spawn(TSX, ["--conditions=react-server", worker, name, barrier], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: "", DATABASE_PATH: "", ...location },
          stdio: "inherit",
        });
        child.on("error", reject);
        child.on("exit", resolve);
      });
    try {
      expect(await Promise.all([run("a"), run("b"), run("c")])).toEqual([0, 0, 0]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(await verifyAuditChain(engine)).toEqual({ ok: true, count: 3 * PER_WORKER });
    expect(await engine.all("SELECT substr(subject, 1, 1) AS w, count(*) AS n FROM audit_events GROUP BY substr(subject, 1, 1) ORDER BY w")).toEqual([
      { w: "a", n: PER_WORKER },
      { w: "b", n: PER_WORKER },
      { w: "c", n: PER_WORKER },
    ]);
    // Interleaved, not one worker after the other: otherwise the test proves nothing about the lock.
    const order = (await engine.all<{ w: string }>("SELECT substr(subject, 1, 1) AS w FROM audit_events ORDER BY id")).map((r) => r.w).join("");
    expect(order.match(/(.)(?!\1)/g)!.length).toBeGreaterThan(3);
  }, 90_000);

  it("npm run audit:verify checks this engine's chain: 0 when intact, 1 naming the first bad event", async () => {
    const { engine, location } = await open();
    await appendMany(engine, 1, 30);
    const ok = runCli(location);
    expect(ok.stdout.trim()).toBe("audit chain OK: 30 events");
    expect(ok.code).toBe(0);
    await allowTampering(engine);
    await engine.run(`UPDATE audit_events SET data = '{"n":999}' WHERE id = 17`);
    const broken = runCli(location);
    expect(broken.stdout).toContain(`audit chain BROKEN at event #17: hash-mismatch (#17, ${new Date(T0 + 17 * 60_000).toISOString()}, lesson.open)`);
    expect(broken.code).toBe(1);
  }, 60_000);
});

describe("audit chain head on PostgreSQL", () => {
  let pg: OpenedEngine;
  beforeAll(async () => {
    pg = await engineFactories().find((f) => f.name === "postgres")!.open({ migrate: true });
  });
  afterAll(() => pg.close());

  it("is raised by every append, stays after a rolled-back one, and cannot be lowered or deleted", async () => {
    await appendMany(pg.engine, 1, 3);
    await pg.engine.write(async (tx) => {
      await appendAuditEvent(tx, { type: "lesson.open" });
      await tx.run("SELECT 1");
    });
    await pg.engine.write(async (tx) => appendAuditEvent(tx, { type: "lesson.open" }).then(() => Promise.reject(new Error("no")))).catch(() => undefined);
    expect(await pg.engine.get("SELECT last_id FROM audit_chain_head")).toEqual({ last_id: 4 });
    await expect(pg.engine.run("UPDATE audit_chain_head SET last_id = 2")).rejects.toThrow(/never lowered/);
    await expect(pg.engine.run("DELETE FROM audit_chain_head")).rejects.toThrow(/never deleted/);
    await expect(pg.engine.run("TRUNCATE audit_chain_head")).rejects.toThrow(/never deleted/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allInWorker, getInWorker, iterateInWorker } from "@/db/read-worker";
import { tempDb } from "./support/temp-db";

/** Counts to n in SQL: a read that takes a while, long enough to see whether the event loop is held. */
const SLOW = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @n) SELECT count(*) AS c FROM n";

describe("long reads on the worker thread (db/read-worker.ts, real SQLite file)", () => {
  let t: ReturnType<typeof tempDb>;
  beforeAll(() => {
    t = tempDb();
  });
  afterAll(() => t.close());

  it("reads what the server's own connection committed, with named parameters", async () => {
    t.sqlite.prepare("INSERT INTO companies (name) VALUES (?)").run("Lettura S.p.A.");
    const rows = await allInWorker<{ name: string }>(t, "SELECT name FROM companies WHERE name = @name", { name: "Lettura S.p.A." });
    expect(rows).toEqual([{ name: "Lettura S.p.A." }]);
    expect(await getInWorker<{ n: number }>(t, "SELECT count(*) AS n FROM companies WHERE name = @name", { name: "nobody" })).toEqual({ n: 0 });
  });

  it("keeps the event loop free while it reads (the same read inline holds it)", async () => {
    const ticksDuring = async (read: () => Promise<unknown>) => {
      let ticks = 0;
      const timer = setInterval(() => (ticks += 1), 5);
      const started = performance.now();
      await read();
      const ms = performance.now() - started;
      clearInterval(timer);
      return { ticks, ms };
    };
    const n = { n: 3_000_000 };
    const inWorker = await ticksDuring(() => getInWorker(t, SLOW, n));
    const inline = await ticksDuring(async () => t.sqlite.prepare(SLOW).get(n));
    expect(inline.ms).toBeGreaterThan(100);
    expect(inline.ticks).toBe(0);
    // A tick every 5 ms while the worker reads: at least a third of them, on a loaded machine.
    expect(inWorker.ticks).toBeGreaterThan(inWorker.ms / 5 / 3);
  });

  it("answers a bad statement with SQLite's error, and goes on working", async () => {
    await expect(allInWorker(t, "SELECT * FROM no_such_table", {})).rejects.toThrow(/no such table/);
    expect(await getInWorker<{ one: number }>(t, "SELECT 1 AS one", {})).toEqual({ one: 1 });
  });

  it("refuses to write: its connection is read-only", async () => {
    await expect(allInWorker(t, "DELETE FROM companies RETURNING id", {})).rejects.toThrow(/readonly/i);
  });

  it("streams an export's rows in batches from one snapshot: rows written meanwhile are not in it", async () => {
    const insert = t.sqlite.prepare("INSERT INTO companies (name) VALUES (?)");
    t.sqlite.transaction(() => {
      for (let i = 0; i < 2_500; i++) insert.run(`Cursore ${String(i).padStart(4, "0")}`);
    })();
    const sql = "SELECT id, name FROM companies WHERE name LIKE 'Cursore %' ORDER BY name";
    const it = iterateInWorker<{ id: number; name: string }>(t, sql, {});
    const first = await it.next();
    expect(first.value?.name).toBe("Cursore 0000");
    insert.run("Cursore 9999 scritta dopo");
    const rest: string[] = [];
    for await (const row of it) rest.push(row.name);
    expect(rest).toHaveLength(2_499);
    expect(rest.at(-1)).toBe("Cursore 2499");
    // The same statement inline, now: the late row is there.
    expect((t.sqlite.prepare(sql).all() as unknown[]).length).toBe(2_501);
  });

  it("stops early on return(), and a bad statement fails on the first row", async () => {
    const it = iterateInWorker<{ name: string }>(t, "SELECT name FROM companies ORDER BY id", {});
    await it.next();
    expect(await it.return!()).toEqual({ done: true, value: undefined });
    expect(await it.next()).toEqual({ done: true, value: undefined });
    await expect(iterateInWorker(t, "SELECT * FROM nowhere", {}).next()).rejects.toThrow(/no such table/);
  });
});

/**
 * The contract both engines keep (db/engine/types.ts), run against each: the same statements,
 * the same rows, the same transaction semantics. Engine-specific guarantees follow at the end.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type AppDatabase } from "@/db/open";
import { sqliteEngine } from "@/db/engine/sqlite";
import type { Engine, Transaction } from "@/db/engine/types";
import { engineFactories } from "../support/engines";

describe.each(engineFactories())("engine contract: $name", (factory) => {
  let engine: Engine;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ engine, close } = await factory.open());
    await engine.run(factory.name === "postgres"
      ? "CREATE TABLE t (id bigint PRIMARY KEY, n bigint NOT NULL, flag boolean NOT NULL DEFAULT false, name text)"
      : "CREATE TABLE t (id integer PRIMARY KEY, n integer NOT NULL, flag integer NOT NULL DEFAULT 0, name text)");
  });
  afterAll(() => close());
  beforeEach(async () => {
    await engine.run("DELETE FROM t");
  });

  it("runs the same statements with ? and @name placeholders, RETURNING included", async () => {
    expect(await engine.run("INSERT INTO t (id, n, name) VALUES (?, ?, ?)", [1, 10, "uno"])).toEqual({ changes: 1 });
    const back = await engine.get<{ id: number }>("INSERT INTO t (id, n, name) VALUES (@id, @n, @name) RETURNING id", { id: 2, n: 20, name: "due" });
    expect(back).toEqual({ id: 2 });
    expect(await engine.all("SELECT id, n, name FROM t WHERE n >= @min ORDER BY id", { min: 10 })).toEqual([
      { id: 1, n: 10, name: "uno" },
      { id: 2, n: 20, name: "due" },
    ]);
    expect(await engine.get("SELECT name FROM t WHERE id = ?", [3])).toBeUndefined();
    expect(await engine.run("UPDATE t SET n = n + 1 WHERE id > ?", [0])).toEqual({ changes: 2 });
  });

  it("returns integers, sums and booleans as SQLite does", async () => {
    await engine.run("INSERT INTO t (id, n, flag) VALUES (1, 5, ?), (2, 7, ?)", [1, 0]);
    const row = await engine.get<Record<string, unknown>>(
      "SELECT count(*) AS c, sum(n) AS s, max(id) AS m, (1 = 1) AS yes, (1 = 2) AS no FROM t",
    );
    expect(row).toEqual({ c: 2, s: 12, m: 2, yes: 1, no: 0 });
    expect(await engine.all("SELECT id, flag FROM t ORDER BY id")).toEqual([
      { id: 1, flag: 1 },
      { id: 2, flag: 0 },
    ]);
  });

  it("commits a write transaction and rolls it back whole when it throws", async () => {
    await engine.write(async (tx) => {
      await tx.run("INSERT INTO t (id, n) VALUES (1, 1)");
    });
    await expect(
      engine.write(async (tx) => {
        await tx.run("INSERT INTO t (id, n) VALUES (2, 2)");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await engine.all("SELECT id FROM t ORDER BY id")).toEqual([{ id: 1 }]);
  });

  it("rolls back a failed savepoint alone and keeps the rest of the transaction", async () => {
    await engine.write(async (tx) => {
      await tx.run("INSERT INTO t (id, n) VALUES (1, 1)");
      await expect(
        tx.write(async (inner) => {
          await inner.run("INSERT INTO t (id, n) VALUES (2, 2)");
          await inner.run("INSERT INTO t (id, n) VALUES (1, 9)"); // primary key taken
        }),
      ).rejects.toThrow();
      await tx.write(async (inner) => {
        await inner.run("INSERT INTO t (id, n) VALUES (3, 3)");
      });
    });
    expect(await engine.all("SELECT id FROM t ORDER BY id")).toEqual([{ id: 1 }, { id: 3 }]);
  });

  it("lets the engine's own statements inside its transaction join it, and a nested write be a savepoint", async () => {
    await expect(
      engine.write(async () => {
        await engine.run("INSERT INTO t (id, n) VALUES (1, 1)");
        // Seen inside: the same transaction, not another connection or a wait for this one.
        expect(await engine.get("SELECT count(*) AS c FROM t")).toEqual({ c: 1 });
        await engine.write(async () => engine.run("INSERT INTO t (id, n) VALUES (2, 2)"));
        await expect(engine.write(async () => {
          await engine.run("INSERT INTO t (id, n) VALUES (3, 3)");
          throw new Error("savepoint fails");
        })).rejects.toThrow(/savepoint fails/);
        expect(await engine.read(async () => engine.all("SELECT id FROM t ORDER BY id"))).toEqual([{ id: 1 }, { id: 2 }]);
        throw new Error("whole transaction fails");
      }),
    ).rejects.toThrow(/whole transaction fails/);
    expect(await engine.get("SELECT count(*) AS c FROM t")).toEqual({ c: 0 });
  });

  it("never shows another request an uncommitted write, even one later rolled back", async () => {
    await engine.run("INSERT INTO t (id, n) VALUES (1, 1)");
    const seen: number[] = [];
    const writer = engine
      .write(async (tx) => {
        await tx.run("UPDATE t SET n = 2 WHERE id = 1");
        for (let i = 0; i < 20; i++) await tx.get("SELECT n FROM t WHERE id = 1");
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    const readers = Array.from({ length: 10 }, () => engine.get<{ n: number }>("SELECT n FROM t WHERE id = 1").then((r) => seen.push(r!.n)));
    await Promise.all([writer, ...readers]);
    expect(seen).toEqual(Array(10).fill(1));
  });

  it("loses no update when many write transactions read then write the same row at once", async () => {
    await engine.run("INSERT INTO t (id, n) VALUES (1, 0)");
    await Promise.all(
      Array.from({ length: 25 }, () =>
        engine.write(async (tx) => {
          const { n } = (await tx.get<{ n: number }>("SELECT n FROM t WHERE id = 1"))!;
          await tx.run("UPDATE t SET n = ? WHERE id = 1", [n + 1]);
        }),
      ),
    );
    expect(await engine.get("SELECT n FROM t WHERE id = 1")).toEqual({ n: 25 });
  });

  it("loses no update among writers serialised on one thing's lock, nor when they mix with the other writers", async () => {
    await engine.run("INSERT INTO t (id, n) VALUES (1, 0), (2, 0)");
    const readThenWrite = (id: number) => async (tx: Transaction) => {
      const { n } = (await tx.get<{ n: number }>("SELECT n FROM t WHERE id = ?", [id]))!;
      await tx.run("UPDATE t SET n = ? WHERE id = ?", [n + 1, id]);
    };
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 3 === 2
          ? engine.write(async (tx) => {
              await tx.lockKey({ name: "learner", key: 1 });
              await readThenWrite(1)(tx);
            })
          : engine.write(readThenWrite(i % 3 === 0 ? 1 : 2), { serialiseOn: { name: "learner", key: i % 3 === 0 ? 1 : 2 } }),
      ),
    );
    expect(await engine.all("SELECT id, n FROM t ORDER BY id")).toEqual([
      { id: 1, n: 20 },
      { id: 2, n: 10 },
    ]);
  });

  it("refuses a lock key that is not a 32-bit integer", async () => {
    if (factory.name === "sqlite") return; // SQLite takes no keyed lock: its one writer is alone already
    await expect(engine.write(async () => undefined, { serialiseOn: { name: "learner", key: 2 ** 31 } })).rejects.toThrow(/not a 32-bit integer/);
  });

  it("gives a read transaction one snapshot", async () => {
    await engine.run("INSERT INTO t (id, n) VALUES (1, 1)");
    const seen = await engine.read(async (tx) => {
      const a = await tx.get<{ n: number }>("SELECT n FROM t WHERE id = 1");
      const b = await tx.get<{ c: number }>("SELECT count(*) AS c FROM t");
      return [a!.n, b!.c];
    });
    expect(seen).toEqual([1, 1]);
  });
});

describe("SQLite engine: one connection shared by every request", () => {
  let dir: string;
  let d: AppDatabase;
  let engine: Engine;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-engine-"));
    d = openDatabase(path.join(dir, "e.db"), { migrate: false });
    d.sqlite.exec("CREATE TABLE t (id integer PRIMARY KEY, n integer NOT NULL)");
    engine = sqliteEngine(d);
  });
  afterAll(() => {
    d.sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("rolls back a transaction that awaited something other than its statements", async () => {
    await expect(
      engine.write(async (tx) => {
        await tx.run("INSERT INTO t (id, n) VALUES (1, 1)");
        await new Promise((resolve) => setTimeout(resolve, 5));
      }),
    ).rejects.toThrow(/awaited something other/);
    expect(await engine.get("SELECT count(*) AS c FROM t")).toEqual({ c: 0 });
  });

  it("keeps another request's statements out of an open transaction", async () => {
    // Another request's code, scheduled outside the transaction, running while it waits on a timer:
    // its statement waits for the transaction to end instead of joining (and rolling back with) it.
    const other = new Promise<void>((resolve, reject) =>
      setTimeout(() => engine.run("INSERT INTO t (id, n) VALUES (3, 3)").then(() => resolve(), reject), 2),
    );
    await expect(
      engine.write(async (tx) => {
        await tx.run("INSERT INTO t (id, n) VALUES (2, 2)");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }),
    ).rejects.toThrow(/awaited something other/);
    await other;
    expect(await engine.all("SELECT id FROM t")).toEqual([{ id: 3 }]);
  });

});

describe("PostgreSQL engine: writers serialised on one thing's lock", () => {
  const [, postgres] = engineFactories();
  let engine: Engine;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ engine, close } = await postgres!.open());
  });
  afterAll(() => close());

  /** A write transaction under `lock` that holds it for `ms` (inside the database: no other await); when it ended. */
  async function holding(lock: { name: "learner"; key: number } | "writers", ms: number): Promise<number> {
    await engine.write(async (tx) => {
      await tx.get(`SELECT pg_sleep(${ms / 1000})`);
    }, lock === "writers" ? {} : { serialiseOn: lock });
    return performance.now();
  }

  it("waits for a writer of the same key, not for one of another key nor for the writers' lock", async () => {
    const [first, sameKey, otherKey, writers] = await Promise.all([
      holding({ name: "learner", key: 7 }, 1_000),
      // Started a moment later, so the first holds its lock by then.
      new Promise((r) => setTimeout(r, 100)).then(() => holding({ name: "learner", key: 7 }, 10)),
      new Promise((r) => setTimeout(r, 100)).then(() => holding({ name: "learner", key: 8 }, 10)),
      new Promise((r) => setTimeout(r, 100)).then(() => holding("writers", 10)),
    ]);
    expect(sameKey).toBeGreaterThanOrEqual(first);
    expect(otherKey).toBeLessThan(first);
    expect(writers).toBeLessThan(first);
  });
});

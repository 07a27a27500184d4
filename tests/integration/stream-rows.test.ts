/**
 * Long reads a batch at a time (db/read-worker.ts `iterateInWorker`): the read worker's cursor on
 * SQLite, a cursor on a pooled client of its own on PostgreSQL. Same rows, in order, from one
 * snapshot; stopping early or failing gives the connection back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { iterateInWorker } from "@/db/read-worker";
import type { Engine } from "@/db/engine/types";
import { engineFactories } from "../support/engines";

const ROWS = 2_500; // more than two batches of 1,000

describe.each(engineFactories())("streamed reads: $name", (factory) => {
  let e: Engine;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ engine: e, close } = await factory.open());
    await e.run("CREATE TABLE t (id integer PRIMARY KEY, label text NOT NULL, flag boolean NOT NULL)");
    await e.write(async (tx) => {
      for (let i = 1; i <= ROWS; i++) await tx.run("INSERT INTO t (id, label, flag) VALUES (?, ?, ?)", [i, `row ${i}`, i % 2 === 0 ? "1" : "0"]);
    });
  });
  afterAll(() => close());

  it("gives every row in order, across batches, with named parameters and SQLite's value types", async () => {
    const seen: { id: number; label: string; flag: number }[] = [];
    for await (const row of iterateInWorker<{ id: number; label: string; flag: number }>(e, 'SELECT id, label, flag FROM t WHERE id > @after ORDER BY id', { after: 10 })) seen.push(row);
    expect(seen).toHaveLength(ROWS - 10);
    expect(seen[0]).toEqual({ id: 11, label: "row 11", flag: 0 });
    expect(seen.at(-1)).toEqual({ id: ROWS, label: `row ${ROWS}`, flag: 1 });
    expect(seen.every((r, i) => r.id === 11 + i)).toBe(true);
  });

  it("reads one snapshot: rows written after the first batch are not seen", async () => {
    const it = iterateInWorker<{ id: number }>(e, "SELECT id FROM t ORDER BY id", {});
    const first = await it.next();
    expect(first.value).toEqual({ id: 1 });
    await e.run("INSERT INTO t (id, label, flag) VALUES (?, 'late', ?)", [ROWS + 1, "0"]);
    const rest: number[] = [];
    for await (const row of it) rest.push(row.id);
    expect(rest).toHaveLength(ROWS - 1);
    expect(rest.at(-1)).toBe(ROWS);
    await e.run("DELETE FROM t WHERE id = ?", [ROWS + 1]);
  });

  it("gives its connection back when stopped early or when the statement fails", async () => {
    for (let round = 0; round < 12; round++) {
      const it = iterateInWorker<{ id: number }>(e, "SELECT id FROM t ORDER BY id", {});
      expect((await it.next()).value).toEqual({ id: 1 });
      await it.return!();
      expect(await it.next()).toEqual({ value: undefined, done: true });
    }
    // A pool of 10 clients would be exhausted above if a client were kept: this read would wait for ever.
    expect(await e.get("SELECT count(*) AS n FROM t")).toEqual({ n: ROWS });
    await expect(
      (async () => {
        for await (const _ of iterateInWorker(e, "SELECT no_such_column FROM t", {})) void _;
      })(),
    ).rejects.toThrow(/no_such_column/);
    expect(await e.get("SELECT count(*) AS n FROM t")).toEqual({ n: ROWS });
  });
});

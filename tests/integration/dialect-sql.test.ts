/**
 * The SQL the two dialects spell differently (db/engine/dialect-sql.ts): each name gives the
 * same answer on SQLite and PostgreSQL, on the same rows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ignoringCase, jsonArrayValues, jsonNumberAt, largerOf, likeIgnoringCase, perDialect, temporaryTable, utcDayOf } from "@/db/engine/dialect-sql";
import type { Engine } from "@/db/engine/types";
import { engineFactories } from "../support/engines";

describe.each(engineFactories())("dialect SQL: $name", (factory) => {
  let e: Engine;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ engine: e, close } = await factory.open());
    await e.run("CREATE TABLE t (id integer PRIMARY KEY, name text, n integer, data text)");
    const rows: [number, string | null, number | null, string][] = [
      [1, "bianchi", 5, '{"outboxId":7,"filters":{"plan":3}}'],
      [2, "Álvarez", 2, '{"filters":{"companyId":12}}'],
      [3, "Bianco", null, "{}"],
      [4, "alfa", 9, '{"outboxId":"8"}'],
    ];
    for (const r of rows) await e.run("INSERT INTO t (id, name, n, data) VALUES (?, ?, ?, ?)", r);
  });
  afterAll(() => close());

  const ids = async (sql: string, params?: Record<string, string | number | null>) => (await e.all<{ id: number }>(sql, params)).map((r) => r.id);

  it("reads a JSON array parameter as integers or as text, and an empty one as nothing", async () => {
    expect(await ids(`SELECT id FROM t WHERE id IN ${jsonArrayValues(e, "@ids", "integer")} ORDER BY id`, { ids: JSON.stringify([4, 1, 99]) })).toEqual([1, 4]);
    expect(await ids(`SELECT id FROM t WHERE name IN ${jsonArrayValues(e, "@names", "text")} ORDER BY id`, { names: JSON.stringify(["alfa", "Bianco", "x"]) })).toEqual([3, 4]);
    expect(await ids(`SELECT id FROM t WHERE id IN ${jsonArrayValues(e, "@ids", "integer")}`, { ids: "[]" })).toEqual([]);
    // The same placeholder tested for NULL first, as the scope does.
    const scoped = `SELECT id FROM t WHERE CAST(@names AS TEXT) IS NULL OR name IN ${jsonArrayValues(e, "@names", "text")} ORDER BY id`;
    expect(await ids(scoped, { names: null })).toEqual([1, 2, 3, 4]);
    expect(await ids(scoped, { names: '["bianchi"]' })).toEqual([1]);
  });

  it("reads a number inside stored JSON, null when the member is missing", async () => {
    const rows = await e.all<{ id: number; outbox: number | null; plan: number | null; company: number | null }>(
      `SELECT id, ${jsonNumberAt(e, "data", ["outboxId"])} AS outbox, ${jsonNumberAt(e, "data", ["filters", "plan"])} AS plan,
              ${jsonNumberAt(e, "data", ["filters", "companyId"])} AS company FROM t ORDER BY id`,
    );
    expect(rows.map((r) => [r.id, r.outbox === null ? null : Number(r.outbox), r.plan === null ? null : Number(r.plan), r.company === null ? null : Number(r.company)])).toEqual([
      [1, 7, 3, null],
      [2, null, null, 12],
      [3, null, null, null],
      [4, 8, null, null],
    ]);
    expect(await ids(`SELECT id FROM t WHERE ${jsonNumberAt(e, "data", ["outboxId"])} = ?`.replace("?", "@v"), { v: 7 })).toEqual([1]);
  });

  it("compares, sorts and searches without regard to case", async () => {
    expect(await ids(`SELECT id FROM t WHERE ${ignoringCase(e, "name")} = ${ignoringCase(e, "CAST(@v AS text)")}`, { v: "BIANCO" })).toEqual([3]);
    expect(await ids(`SELECT id FROM t WHERE name ${likeIgnoringCase(e)} @q ORDER BY id`, { q: "%BIAN%" })).toEqual([1, 3]);
    // ASCII letters only on SQLite: sort names whose first letters are plain.
    expect(await ids(`SELECT id FROM t WHERE id <> 2 ORDER BY ${ignoringCase(e, "name")}`)).toEqual([4, 1, 3]);
  });

  it("takes the largest of several values, null when any is null", async () => {
    const rows = await e.all<{ id: number; m: number | null }>(`SELECT id, ${largerOf(e, "n", "id * 2", "3")} AS m FROM t ORDER BY id`);
    expect(rows).toEqual([
      { id: 1, m: 5 },
      { id: 2, m: 4 },
      { id: 3, m: null },
      { id: 4, m: 9 },
    ]);
  });

  it("gives the UTC day of Unix seconds", async () => {
    // 2026-03-28T23:59:59Z and a second later; the clocks change in Italy that night, UTC does not.
    expect(await e.get(`SELECT ${utcDayOf(e, "@a")} AS a, ${utcDayOf(e, "@b")} AS b`.replace(/@(a|b)/g, "CAST(@$1 AS bigint)"), { a: 1774742399, b: 1774742400 })).toEqual({
      a: "2026-03-28",
      b: "2026-03-29",
    });
  });

  it("keeps a temporary table private to the transaction's connection and reusable", async () => {
    const held = temporaryTable(e, "held_test", "user_id INTEGER NOT NULL, slug TEXT NOT NULL", "user_id, slug");
    for (const round of [1, 2]) {
      const n = await e.write(async (tx) => {
        await tx.run(held.create);
        await tx.run(`DELETE FROM ${held.name}`);
        await tx.run(`INSERT INTO ${held.name} (user_id, slug) SELECT id, name FROM t WHERE id <= ?`, [round + 1]);
        return (await tx.get<{ n: number }>(`SELECT count(*) AS n FROM t WHERE EXISTS (SELECT 1 FROM ${held.name} k WHERE k.user_id = t.id)`))!.n;
      });
      expect(n).toBe(round + 1);
    }
  });

  it("builds a template once per dialect", () => {
    const built = perDialect((dialect) => `SELECT ${likeIgnoringCase(dialect)}`);
    expect(built("sqlite")).toBe("SELECT LIKE");
    expect(built("postgres")).toBe("SELECT ILIKE");
    expect(built(e)).toBe(e.dialect === "sqlite" ? "SELECT LIKE" : "SELECT ILIKE");
  });
});

import { describe, expect, it } from "vitest";
import { pgValues, toPgStatement } from "./placeholders";

describe("toPgStatement", () => {
  it("numbers positional placeholders in order", () => {
    const s = toPgStatement("SELECT * FROM t WHERE a = ? AND b IN (?, ?)");
    expect(s.text).toBe("SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)");
    expect(pgValues(s, [1, "x", null])).toEqual([1, "x", null]);
  });

  it("gives a repeated name one number and orders values by first use", () => {
    const s = toPgStatement("SELECT @b AS b, @a AS a WHERE @b > 0");
    expect(s.text).toBe("SELECT $1 AS b, $2 AS a WHERE $1 > 0");
    expect(pgValues(s, { a: 1, b: 2 })).toEqual([2, 1]);
  });

  it("leaves literals, quoted identifiers, comments and casts alone", () => {
    const sql = `SELECT '?', 'it''s @x', "odd?col", x::bigint -- is it? @y\n, ? /* @z ? */ FROM t`;
    const s = toPgStatement(sql);
    expect(s.text).toBe(`SELECT '?', 'it''s @x', "odd?col", x::bigint -- is it? @y\n, $1 /* @z ? */ FROM t`);
    expect(s.slots).toEqual([0]);
  });

  it("gives an upsert's conflict target bare column names, as PostgreSQL wants them", () => {
    const s = toPgStatement('insert into "t" ("a", "b") values (?, ?) on conflict ("t"."a", "t"."b") do update set "b" = ?');
    expect(s.text).toBe('insert into "t" ("a", "b") values ($1, $2) on conflict ("a", "b") do update set "b" = $3');
  });

  it("refuses missing values instead of binding NULL", () => {
    expect(() => pgValues(toPgStatement("SELECT ?, ?"), [1])).toThrow(/value #2/);
    expect(() => pgValues(toPgStatement("SELECT @a"), { b: 1 })).toThrow(/@a/);
    expect(() => pgValues(toPgStatement("SELECT @a"), undefined)).toThrow(/expects 1 value/);
  });

  it("refuses a statement mixing both styles", () => {
    expect(() => toPgStatement("SELECT ?, @a")).toThrow(/mixes/);
  });
});

import { createHash } from "node:crypto";
import type { SqlParams, SqlValue } from "./types";

/**
 * SQL is written once with SQLite's placeholders: `?` (values in order) or `@name` (values by
 * name). PostgreSQL numbers them (`$1`), so the text is rewritten once per distinct statement
 * and the values put in that order. Placeholders inside string literals, quoted identifiers
 * and comments are left alone; `::type` casts are not placeholders (names need `@`).
 */
export type PgStatement = {
  text: string;
  slots: (number | string)[];
  /**
   * A name for PostgreSQL's prepared statement, from the text: each pooled connection parses and
   * plans a statement once, as SQLite's statement cache does (planning the enrolment views' query
   * took ~44 ms of the heartbeat's ~70 ms when every call was parsed and planned afresh).
   */
  name: string;
};

const cache = new Map<string, PgStatement>();
/** Statements are mostly constant text; a few are built from filters. Bound the cache all the same. */
const CACHE_LIMIT = 2000;

export function toPgStatement(sql: string): PgStatement {
  let s = cache.get(sql);
  if (!s) {
    s = rewrite(sql);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(sql, s);
  }
  return s;
}

function rewrite(sql: string): PgStatement {
  const slots: (number | string)[] = [];
  const named = new Map<string, number>();
  let out = "";
  let positional = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "'" || c === '"') {
      const end = closingQuote(sql, i, c);
      out += sql.slice(i, end);
      i = end;
    } else if (c === "-" && next === "-") {
      const end = sql.indexOf("\n", i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === "/" && next === "*") {
      const end = sql.indexOf("*/", i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === "?") {
      slots.push(positional++);
      out += `$${slots.length}`;
      i++;
    } else if (c === "@" && next !== undefined && /[A-Za-z_]/.test(next)) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))![0];
      let n = named.get(name);
      if (n === undefined) {
        slots.push(name);
        n = slots.length;
        named.set(name, n);
      }
      out += `$${n}`;
      i += 1 + name.length;
    } else {
      out += c;
      i++;
    }
  }
  if (positional > 0 && named.size > 0) throw new Error(`SQL mixes ? and @name placeholders: ${sql.slice(0, 120)}`);
  const text = unqualifiedConflictTargets(out);
  return { text, slots, name: `b_${createHash("sha1").update(text).digest("hex").slice(0, 24)}` };
}

/**
 * drizzle's SQLite builder qualifies the columns of an upsert's target
 * (`on conflict ("t"."a", "t"."b")`), which PostgreSQL refuses: they must be bare column names.
 */
function unqualifiedConflictTargets(sql: string): string {
  return sql.replace(/\bon conflict \(([^)]*)\)/gi, (_, columns: string) => `on conflict (${columns.replace(/"[^"]+"\."([^"]+)"/g, '"$1"')})`);
}

/** Index just past the quote that closes the one at `start` (a doubled quote is an escaped one). */
function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

/** The values in the statement's order; a missing one is an error, not a silent NULL. */
export function pgValues(statement: PgStatement, params: SqlParams | undefined): SqlValue[] {
  if (statement.slots.length === 0) return [];
  if (params === undefined) throw new Error(`SQL expects ${statement.slots.length} value(s), none given`);
  return statement.slots.map((slot) => {
    if (typeof slot === "number") {
      if (!Array.isArray(params) || slot >= params.length) throw new Error(`SQL expects value #${slot + 1}, not given`);
      return (params as readonly SqlValue[])[slot]!;
    }
    const byName = params as Readonly<Record<string, SqlValue>>;
    if (Array.isArray(params) || !(slot in byName)) throw new Error(`SQL expects a value named @${slot}, not given`);
    return byName[slot]!;
  });
}

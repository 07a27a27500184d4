import type { Dialect } from "./types";

/**
 * The SQL that SQLite and PostgreSQL spell differently, each under one name. Queries are written
 * once (db/queries) and take these fragments from the engine they run on (`d.dialect`), so no
 * dialect test is scattered through lib/.
 *
 * Fragments are SQL text around expressions the caller writes: pass only SQL the caller owns
 * (column names, placeholders), never user input.
 */
type On = Dialect | { readonly dialect: Dialect };

const dialectOf = (on: On): Dialect => (typeof on === "string" ? on : on.dialect);

/**
 * The elements of a JSON array given as text (a placeholder holding `JSON.stringify([…])`), as a
 * subquery for `x IN …`. SQLite's `json_each` returns each element with its JSON type; PostgreSQL
 * returns text, so the elements are cast to the column type they are compared with.
 */
export function jsonArrayValues(on: On, jsonText: string, type: "integer" | "text"): string {
  if (dialectOf(on) === "sqlite") return `(SELECT value FROM json_each(${jsonText}))`;
  // One type per placeholder: `CAST(@p AS text)` everywhere @p appears, so PostgreSQL deduces text.
  const elements = `json_array_elements_text(CAST(CAST(${jsonText} AS text) AS json))`;
  return type === "text" ? `(SELECT value FROM ${elements} AS e(value))` : `(SELECT CAST(value AS bigint) FROM ${elements} AS e(value))`;
}

/**
 * One member of a JSON object stored as text (`data` columns), by path: a number, or null when
 * the member is missing. Numbers are what the callers compare (ids).
 */
export function jsonNumberAt(on: On, jsonColumn: string, path: readonly string[]): string {
  if (dialectOf(on) === "sqlite") return `json_extract(${jsonColumn}, '$.${path.join(".")}')`;
  return `CAST(CAST(${jsonColumn} AS jsonb) #>> '{${path.join(",")}}' AS numeric)`;
}

/**
 * `expr` for comparing and sorting without regard to case: SQLite's NOCASE collation (ASCII
 * letters), PostgreSQL's lower() (every letter).
 */
export function ignoringCase(on: On, expr: string): string {
  return dialectOf(on) === "sqlite" ? `${expr} COLLATE NOCASE` : `lower(${expr})`;
}

/** The LIKE operator that ignores case, as SQLite's LIKE does for ASCII letters. */
export function likeIgnoringCase(on: On): "LIKE" | "ILIKE" {
  return dialectOf(on) === "sqlite" ? "LIKE" : "ILIKE";
}

/** The largest of the values, NULL when any is NULL (SQLite's scalar max; PostgreSQL's greatest skips NULLs). */
export function largerOf(on: On, ...exprs: [string, string, ...string[]]): string {
  if (dialectOf(on) === "sqlite") return `max(${exprs.join(", ")})`;
  return `CASE WHEN ${exprs.map((e) => `(${e}) IS NULL`).join(" OR ")} THEN NULL ELSE greatest(${exprs.join(", ")}) END`;
}

/** The UTC calendar day (`YYYY-MM-DD`) of a time stored as Unix seconds. */
export function utcDayOf(on: On, unixSeconds: string): string {
  if (dialectOf(on) === "sqlite") return `strftime('%Y-%m-%d', ${unixSeconds}, 'unixepoch')`;
  return `to_char(to_timestamp(${unixSeconds}) AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
}

/**
 * A table private to the connection (SQLite's `temp` schema, PostgreSQL's `pg_temp`), for
 * working sets a statement joins with one index lookup per row. It outlives the transaction on
 * that connection: empty it before use. `columns` and `primaryKey` are plain SQL.
 */
export function temporaryTable(on: On, name: string, columns: string, primaryKey: string): { create: string; name: string } {
  if (dialectOf(on) === "sqlite") {
    return { create: `CREATE TEMP TABLE IF NOT EXISTS ${name} (${columns}, PRIMARY KEY (${primaryKey})) WITHOUT ROWID`, name: `temp.${name}` };
  }
  return { create: `CREATE TEMP TABLE IF NOT EXISTS ${name} (${columns}, PRIMARY KEY (${primaryKey}))`, name: `pg_temp.${name}` };
}

/**
 * SQL built once per dialect from a template of these fragments: module-level statements stay
 * constant text (the engines cache prepared statements by text).
 */
export function perDialect(build: (dialect: Dialect) => string): (on: On) => string {
  const built = { sqlite: build("sqlite"), postgres: build("postgres") };
  return (on) => built[dialectOf(on)];
}

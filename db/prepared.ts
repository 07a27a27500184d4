import type Database from "better-sqlite3";
import type { Connection } from "./open";

const caches = new WeakMap<Database.Database, Map<string, unknown>>();
const MAX_PREPARED = 1000;

/**
 * A query built and prepared once per connection, then run with placeholder values.
 *
 * Drizzle builds the SQL text and SQLite compiles it on every call of a plain query builder;
 * on the final-test submit path that was a third of the request (README "Performance").
 * `build` must use `sql.placeholder(...)` for every value and end with `.prepare()`.
 */
export function preparedQuery<Q>(d: Connection, name: string, build: (orm: Connection["orm"]) => Q): Q {
  let cache = caches.get(d.sqlite);
  if (!cache) {
    cache = new Map();
    caches.set(d.sqlite, cache);
  }
  let q = cache.get(name) as Q | undefined;
  if (q === undefined) {
    q = build(d.orm);
    // The register's SQL varies with its filters and sort: without a bound, every variant ever
    // asked for would stay prepared. The least recently used goes first.
    if (cache.size >= MAX_PREPARED) cache.delete(cache.keys().next().value!);
  } else cache.delete(name);
  cache.set(name, q);
  return q;
}

/** The same for raw statements (queries drizzle does not express well), one or a named set of them. */
export function preparedStatements<S>(d: Connection, name: string, build: (sqlite: Database.Database) => S): S {
  return preparedQuery(d, name, () => build(d.sqlite));
}

export function preparedStatement<S extends Database.Statement>(d: Connection, sqlText: string): S {
  return preparedStatements(d, `raw:${sqlText}`, (sqlite) => sqlite.prepare(sqlText) as S);
}

import { sql, type SQL } from "drizzle-orm";
import { drizzle, type SqliteRemoteDatabase, type SqliteRemoteResult } from "drizzle-orm/sqlite-proxy";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import * as schema from "../schema";
import type { Engine } from "./types";

/**
 * drizzle's query builder over an engine, for either database: the schema (db/schema.ts) and
 * the SQL drizzle writes are SQLite's, and both engines run that SQL alike (placeholders
 * rewritten, rows of the same types: db/engine/types.ts). Builders are awaited:
 * `await orm(e).select().from(users).where(…)`.
 *
 * Statements go through the engine, so inside one of its transactions they join it. SQL that
 * only SQLite knows (`json_each`, `strftime`…) must not be written in a builder's `sql```;
 * it belongs in db/engine/dialect-sql.ts under one name.
 */
export type Orm = SqliteRemoteDatabase<typeof schema>;

const orms = new WeakMap<Engine, Orm>();

export function orm(e: Engine): Orm {
  let o = orms.get(e);
  if (!o) {
    o = drizzle(
      async (sql, params, method) => {
        if (method === "run") return { rows: [], changes: (await e.run(sql, params)).changes };
        const rows = await e.values(sql, params);
        return { rows: method === "get" ? rows[0] : rows } as { rows: unknown[] };
      },
      { schema },
    );
    orms.set(e, o);
  }
  return o;
}

/** How many rows a builder's `.run()` changed. */
export function changes(result: SqliteRemoteResult): number {
  return (result as { changes?: number }).changes ?? 0;
}

const prepared = new WeakMap<Engine, Map<string, unknown>>();

/**
 * A builder query prepared once per engine, run with placeholder values: drizzle then writes
 * its SQL once, not on every call (on the submit path that was a third of the request). `build`
 * uses `sql.placeholder(…)` for every value and ends with `.prepare()`.
 */
export function preparedQuery<Q>(e: Engine, name: string, build: (o: Orm) => Q): Q {
  let cache = prepared.get(e);
  if (!cache) prepared.set(e, (cache = new Map()));
  let q = cache.get(name) as Q | undefined;
  if (q === undefined) cache.set(name, (q = build(orm(e))));
  return q;
}

/**
 * The target of `onConflictDoUpdate`/`onConflictDoNothing`, written so both databases accept it:
 * given columns, drizzle's SQLite builder qualifies them (`on conflict ("t"."c")`), which SQLite
 * allows and PostgreSQL rejects as a syntax error; the bare column names mean the same on both.
 */
export function conflictTarget(...columns: [SQLiteColumn, ...SQLiteColumn[]]): SQL[] {
  return columns.map((c) => sql`${sql.identifier(c.name)}`);
}

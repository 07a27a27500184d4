import { drizzle, type SqliteRemoteDatabase, type SqliteRemoteResult } from "drizzle-orm/sqlite-proxy";
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

/**
 * drizzle's sqlite-core writes an upsert's conflict target with table-qualified columns
 * (`on conflict ("t"."a", "t"."b")`): PostgreSQL accepts only bare column names there, SQLite
 * both (with the same meaning), so the target is written bare for either engine.
 */
const CONFLICT_TARGET = / on conflict \(([^)]*)\)/g;
const QUALIFIED_COLUMN = /"(?:[^"]|"")+"\."((?:[^"]|"")+)"/g;

function bareConflictTarget(sql: string): string {
  if (!sql.includes(" on conflict (")) return sql;
  return sql.replace(CONFLICT_TARGET, (_m, columns: string) => ` on conflict (${columns.replace(QUALIFIED_COLUMN, '"$1"')})`);
}

export function orm(e: Engine): Orm {
  let o = orms.get(e);
  if (!o) {
    o = drizzle(
      async (written, params, method) => {
        const sql = bareConflictTarget(written);
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

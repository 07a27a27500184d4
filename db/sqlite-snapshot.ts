import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import type { Queryable, RunResult, SqlParams, SqlValue } from "./engine/types";

/**
 * An existing SQLite database file read from one snapshot, for tools that copy or compare it
 * (db:migrate-to-postgres). Opened read-only, never created; every statement, from the first to
 * `close()`, sees the database as it was at the first read (a read transaction: in WAL mode
 * writers carry on and the snapshot does not move).
 *
 * Unlike the engine (db/engine/sqlite.ts) it lets its caller await other work between statements
 * and while streaming a table: the connection is this snapshot's alone.
 */
export type SqliteSnapshot = Queryable & {
  readonly file: string;
  /** Rows of `sql` in `size`-row batches, values in column order. Integers beyond 2^53 throw. */
  batches(sql: string, size: number): Generator<unknown[][]>;
  close(): void;
};

export class SnapshotOpenError extends Error {}

export function openSqliteSnapshot(file: string): SqliteSnapshot {
  const resolved = path.resolve(/*turbopackIgnore: true*/ file);
  if (!fs.existsSync(/*turbopackIgnore: true*/ resolved) || !fs.statSync(/*turbopackIgnore: true*/ resolved).isFile()) {
    throw new SnapshotOpenError(`no SQLite database at ${resolved}`);
  }
  let sqlite: Database.Database;
  try {
    sqlite = new Database(resolved, { readonly: true, fileMustExist: true });
    sqlite.exec("BEGIN");
    // The snapshot is taken at the first read, not at BEGIN.
    sqlite.prepare("SELECT count(*) FROM sqlite_master").get();
  } catch (e) {
    throw new SnapshotOpenError(`cannot read ${resolved} as SQLite: ${(e as Error).message}`);
  }
  return new Snapshot(resolved, sqlite);
}

class Snapshot implements SqliteSnapshot {
  readonly dialect = "sqlite" as const;

  constructor(
    readonly file: string,
    private readonly sqlite: Database.Database,
  ) {}

  async all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.sqlite.prepare(sql).all(...args(params)) as T[];
  }

  async get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return this.sqlite.prepare(sql).get(...args(params)) as T | undefined;
  }

  async values(sql: string, params?: SqlParams): Promise<unknown[][]> {
    return this.sqlite.prepare(sql).raw(true).all(...args(params)) as unknown[][];
  }

  async run(): Promise<RunResult> {
    throw new Error("a SQLite snapshot is read-only");
  }

  *batches(sql: string, size: number): Generator<unknown[][]> {
    // Safe integers: a value beyond 2^53 must fail loudly, not be copied rounded.
    const statement = this.sqlite.prepare(sql).raw(true).safeIntegers(true);
    let batch: unknown[][] = [];
    for (const row of statement.iterate() as IterableIterator<unknown[]>) {
      batch.push(row.map(exactNumber));
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }

  close(): void {
    if (this.sqlite.inTransaction) this.sqlite.exec("COMMIT");
    this.sqlite.close();
  }
}

function exactNumber(v: unknown): unknown {
  if (typeof v !== "bigint") return v;
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) throw new RangeError(`integer ${v} does not fit a JS number exactly`);
  return Number(v);
}

function args(params: SqlParams | undefined): unknown[] {
  if (params === undefined) return [];
  return Array.isArray(params) ? [...(params as readonly SqlValue[])] : [params];
}

/** A table of the file with its columns in order (sqlite_* and drizzle's bookkeeping left out). */
export type SqliteTableInfo = { name: string; columns: string[] };

export async function sqliteTables(q: SqliteSnapshot): Promise<SqliteTableInfo[]> {
  const names = await q.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '__drizzle_migrations' ORDER BY name",
  );
  const out: SqliteTableInfo[] = [];
  for (const { name } of names) {
    const columns = await q.all<{ name: string }>("SELECT name FROM pragma_table_info(?) ORDER BY cid", [name]);
    out.push({ name, columns: columns.map((c) => c.name) });
  }
  return out;
}

/** drizzle's bookkeeping: how many migrations were applied and the newest one's timestamp; null without the table. */
export async function sqliteMigrationLevel(q: SqliteSnapshot): Promise<{ count: number; last: number | null } | null> {
  const table = await q.get("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'");
  if (!table) return null;
  const r = await q.get<{ n: number; last: number | null }>(`SELECT count(*) AS n, max(created_at) AS last FROM "__drizzle_migrations"`);
  return { count: r?.n ?? 0, last: r?.last === null || r?.last === undefined ? null : Number(r.last) };
}

/** AUTOINCREMENT counters (the highest id each table ever handed out), by table. */
export async function sqliteSequences(q: SqliteSnapshot): Promise<Map<string, number>> {
  const exists = await q.get("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'");
  if (!exists) return new Map();
  const rows = await q.all<{ name: string; seq: number }>("SELECT name, seq FROM sqlite_sequence");
  return new Map(rows.map((r) => [r.name, Number(r.seq)]));
}

/** Rows pointing to missing rows, per table (`PRAGMA foreign_key_check`). */
export async function sqliteForeignKeyProblems(q: SqliteSnapshot): Promise<Map<string, number>> {
  const rows = await q.all<{ table: string }>("PRAGMA foreign_key_check");
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.table, (out.get(r.table) ?? 0) + 1);
  return out;
}

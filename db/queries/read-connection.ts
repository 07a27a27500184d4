import "server-only";
import Database from "better-sqlite3";
import type { AppDatabase } from "../open";

/**
 * Streaming reads for exports (registers, access log, certificate archives).
 *
 * Exports stream with `.iterate()` on their OWN read-only connection (`openReadConnection`):
 * while an iterator is open, better-sqlite3 refuses every write on that connection, and the
 * process-wide connection must keep taking heartbeats. In WAL mode the export's single
 * SELECT also reads one consistent snapshot, however long the download takes.
 */

/** Named parameters of a statement built from filters. */
export type SqlParams = Record<string, string | number | null>;

/** Text for a `LIKE … ESCAPE '\\'` pattern in which `%`, `_` and `\\` typed by the user match themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A read-only connection on the same file, for streaming exports (see the module comment).
 * The caller closes it.
 */
export function openReadConnection(d: AppDatabase): Database.Database {
  const conn = new Database(d.sqlite.name, { readonly: true, fileMustExist: true });
  conn.pragma("busy_timeout = 5000");
  // better-sqlite3 builds SQLite with a 16 MB page cache per connection; an export reads
  // each page once, as fast with SQLite's own 2 MB default, and the rest is server memory
  // that glibc keeps after the connection closes (README "Performance").
  conn.pragma("cache_size = -2000");
  return conn;
}

/**
 * One raw row (`stmt.raw(true)`: values in column order) as a plain object keyed by the
 * statement's column names. better-sqlite3 builds each row object through V8's C++ API;
 * reading arrays and building the object here, where every row shares one hidden class, took
 * an eighth off the 10,000-row register (README "Performance"). Arrays are also what the read
 * worker posts back (db/read-worker.ts): a structured clone of arrays, names sent once.
 */
export function rowObject<T>(names: readonly string[], values: readonly unknown[]): T {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i++) row[names[i]!] = values[i];
  return row as T;
}

/**
 * Streams a statement's rows as plain objects (`rowObject`). Closing the iterator (`return()`)
 * closes the statement's cursor, as `.iterate()` does.
 */
export function iterateObjects<T>(stmt: Database.Statement, params: unknown): IterableIterator<T> {
  const names = stmt.columns().map((c) => c.name);
  // Started here, not on the first `next()`: the query runs (and fails) when asked for.
  const rows = stmt.raw(true).iterate(params) as IterableIterator<unknown[]>;
  const it: IterableIterator<T> = {
    [Symbol.iterator]: () => it,
    next() {
      const n = rows.next();
      if (n.done) return { done: true, value: undefined };
      return { done: false, value: rowObject<T>(names, n.value) };
    },
    return() {
      rows.return?.();
      return { done: true, value: undefined };
    },
  };
  return it;
}

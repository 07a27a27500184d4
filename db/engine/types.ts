/**
 * The one data-access surface both engines implement (db/engine/sqlite.ts, db/engine/postgres.ts).
 *
 * SQL is written once, in SQLite's placeholder style (`?` positional, or `@name` with an object
 * of values); the PostgreSQL engine rewrites the placeholders (db/engine/placeholders.ts). Where
 * the dialects' SQL differs, the text comes from db/engine/dialect-sql.ts under one name.
 *
 * Rows look the same from both engines: integers (counts, ids, Unix seconds) are JS numbers and
 * booleans are 1 or 0, as SQLite returns them.
 */
import type { KeyedLock, LockName } from "./locks";

export type Dialect = "sqlite" | "postgres";

export type SqlValue = string | number | bigint | Buffer | null;
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

export type RunResult = { changes: number };

/** Statements outside or inside a transaction. */
export interface Queryable {
  readonly dialect: Dialect;
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  run(sql: string, params?: SqlParams): Promise<RunResult>;
  /** Rows as arrays of column values, in the SELECT's order (what drizzle maps; db/engine/orm.ts). */
  values(sql: string, params?: SqlParams): Promise<unknown[][]>;
}

/**
 * A transaction in progress. `write` inside it is a savepoint: it commits or rolls back with
 * the enclosing transaction, and its own failure rolls back only its statements.
 */
export interface Transaction extends Queryable {
  write<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Waits for, then holds until the transaction ends, the named lock (db/engine/locks.ts). */
  lock(name: LockName): Promise<void>;
  /** The same for one thing's lock (`{ name: "learner", key: userId }`). */
  lockKey(lock: KeyedLock): Promise<void>;
}

export type WriteOptions = {
  /**
   * The transaction keeps its invariants with concurrent writers on its own (conditional
   * updates, row locks, unique indexes, named locks): on PostgreSQL it then skips the writers'
   * lock that otherwise gives every write transaction SQLite's one-writer-at-a-time semantics.
   * Only for hot paths whose tests prove it across processes.
   */
  concurrent?: boolean;
  /**
   * Instead of the writers' lock, only this thing's lock, taken first (one round trip with
   * BEGIN): the transaction keeps its invariants for that one thing (a learner's credited time)
   * and runs beside writers of other things. The same proof across processes is required.
   */
  serialiseOn?: KeyedLock;
};

/**
 * The engine's own statements and transactions, called inside one of its transactions (in that
 * transaction's async context), join it: a statement runs in it, `write` becomes a savepoint,
 * `read` runs on it. So code passes the engine around and is transactional wherever its caller
 * opened a transaction, as with SQLite's one connection.
 */
export interface Engine extends Queryable {
  /**
   * Runs `fn` in a write transaction, one writer at a time as SQLite always does: SQLite takes
   * its write lock first (BEGIN IMMEDIATE); PostgreSQL takes the writers' advisory lock first
   * (or only `opts.serialiseOn`'s, or none with `opts.concurrent`), runs READ COMMITTED, and re-runs `fn` after a serialisation
   * failure or a deadlock, so `fn` must have no effect outside the transaction.
   *
   * `fn` may await only statements of `tx`: on SQLite the one connection is the transaction, so
   * awaiting anything else (a file, a fetch, a hash) would let other requests' statements wait
   * on it — the SQLite engine rolls back and throws when that happens.
   */
  write<T>(fn: (tx: Transaction) => Promise<T>, opts?: WriteOptions): Promise<T>;
  /** A read-only transaction: every statement sees one snapshot. */
  read<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

import type Database from "better-sqlite3";
import type { AppDatabase, Connection } from "../open";
import { preparedStatement, preparedStatements } from "../prepared";
import { currentTransaction, runInTransactionContext } from "./transaction-owner";
import type { Queryable, RunResult, SqlParams, SqlValue, Transaction } from "./types";

/**
 * The asynchronous engine over the process's one better-sqlite3 connection.
 *
 * The connection is shared by every request, so while a transaction is open its statements are
 * the only ones that may run: statements from elsewhere wait for it to end (they would
 * otherwise land inside it, and roll back with it). Statements themselves run synchronously;
 * the promises only make the surface the same as PostgreSQL's.
 */
export function sqliteEngine(c: Connection): AppDatabase {
  // One engine per connection: its queue of waiting statements must be the only one.
  let engine = engines.get(c.sqlite);
  if (!engine) engines.set(c.sqlite, (engine = new SqliteEngine(c.sqlite, c.orm)));
  return engine;
}

const engines = new WeakMap<Database.Database, SqliteEngine>();

class SqliteEngine implements AppDatabase {
  readonly dialect = "sqlite" as const;
  /** Settles when the open transaction ends; null when none is open. */
  private busy: Promise<void> | null = null;

  constructor(
    readonly sqlite: Database.Database,
    readonly orm: Connection["orm"],
  ) {}

  async all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    const tx = this.joined();
    if (tx) return tx.all<T>(sql, params);
    // No await between seeing the connection free and using it.
    while (this.busy) await this.busy;
    return statement(this, sql).all(...args(params)) as T[];
  }

  async get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    const tx = this.joined();
    if (tx) return tx.get<T>(sql, params);
    while (this.busy) await this.busy;
    return statement(this, sql).get(...args(params)) as T | undefined;
  }

  async run(sql: string, params?: SqlParams): Promise<RunResult> {
    const tx = this.joined();
    if (tx) return tx.run(sql, params);
    while (this.busy) await this.busy;
    return { changes: statement(this, sql).run(...args(params)).changes };
  }

  async values(sql: string, params?: SqlParams): Promise<unknown[][]> {
    const tx = this.joined();
    if (tx) return tx.values(sql, params);
    while (this.busy) await this.busy;
    return rawStatement(this, sql).all(...args(params)) as unknown[][];
  }

  /** Every SQLite writer is alone (BEGIN IMMEDIATE): `concurrent` and `serialiseOn` change nothing here. */
  write<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    const tx = this.joined();
    if (tx) return tx.write(fn);
    return this.openTransaction("BEGIN IMMEDIATE", fn);
  }

  read<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const tx = this.joined();
    if (tx) return fn(tx);
    return this.openTransaction("BEGIN DEFERRED", fn);
  }

  /** This engine's transaction the caller runs inside, if any (its statements join it). */
  private joined(): SqliteTransaction | undefined {
    const tx = currentTransaction();
    return tx instanceof SqliteTransaction && tx.d.sqlite === this.sqlite ? tx : undefined;
  }

  async close(): Promise<void> {
    while (this.busy) await this.busy;
    this.sqlite.close();
  }


  private async openTransaction<T>(begin: string, fn: (tx: Transaction) => Promise<T>): Promise<T> {
    // No await between seeing the connection free and taking it: another waiter would take it too.
    while (this.busy) await this.busy;
    let release!: () => void;
    this.busy = new Promise<void>((resolve) => (release = resolve));
    const tx = new SqliteTransaction(this);
    // A check-phase callback runs only once the transaction has let the event loop turn, i.e.
    // awaited something other than its own statements: other requests were then held up.
    let yielded = false;
    const watch = setImmediate(() => (yielded = true));
    try {
      statement(this, begin).run();
      try {
        const value = await runInTransactionContext(tx, () => fn(tx));
        if (yielded) throw new Error("A SQLite transaction awaited something other than its own statements; it was rolled back");
        statement(this, "COMMIT").run();
        return value;
      } catch (error) {
        if (this.sqlite.inTransaction) statement(this, "ROLLBACK").run();
        throw error;
      }
    } finally {
      clearImmediate(watch);
      this.busy = null;
      release();
    }
  }
}

class SqliteTransaction implements Transaction {
  readonly dialect = "sqlite" as const;
  private savepoints = 0;

  constructor(readonly d: Connection) {}

  async all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return statement(this.d, sql).all(...args(params)) as T[];
  }

  async values(sql: string, params?: SqlParams): Promise<unknown[][]> {
    return rawStatement(this.d, sql).all(...args(params)) as unknown[][];
  }

  async get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return statement(this.d, sql).get(...args(params)) as T | undefined;
  }

  async run(sql: string, params?: SqlParams): Promise<RunResult> {
    return { changes: statement(this.d, sql).run(...args(params)).changes };
  }

  /** BEGIN IMMEDIATE already made this the only writer. */
  async lock(): Promise<void> {}

  /** BEGIN IMMEDIATE already made this the only writer. */
  async lockKey(): Promise<void> {}

  async write<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    const name = `sp${++this.savepoints}`;
    this.d.sqlite.exec(`SAVEPOINT ${name}`);
    try {
      const value = await fn(this);
      this.d.sqlite.exec(`RELEASE ${name}`);
      return value;
    } catch (error) {
      if (this.d.sqlite.inTransaction) this.d.sqlite.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw error;
    }
  }
}

function statement(d: Connection, sql: string): Database.Statement<unknown[]> {
  return preparedStatement<Database.Statement<unknown[]>>(d, sql);
}

/** A second prepared copy in raw mode: `raw` is a statement's state, and the plain copy is shared. */
function rawStatement(d: Connection, sql: string): Database.Statement<unknown[]> {
  return preparedStatements(d, `values:${sql}`, (sqlite) => sqlite.prepare(sql).raw(true) as Database.Statement<unknown[]>);
}

/** better-sqlite3 takes positional values spread, named ones as one object. */
function args(params: SqlParams | undefined): unknown[] {
  if (params === undefined) return [];
  return Array.isArray(params) ? [...(params as readonly SqlValue[])] : [params];
}

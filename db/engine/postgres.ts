import type pg from "pg";
import { pgValues, toPgStatement } from "./placeholders";
import { pgRowTypes } from "./pg-row-types";
import { currentTransaction, runInTransactionContext } from "./transaction-owner";
import { keyedLockArgs, LOCK_NAMESPACE, LOCKS, type KeyedLock, type LockName } from "./locks";
import type { Engine, Queryable, RunResult, SqlParams, Transaction, WriteOptions } from "./types";

/**
 * The asynchronous engine over a PostgreSQL pool. A transaction holds one pooled client from
 * BEGIN to COMMIT; statements outside transactions take any client.
 *
 * Write transactions run READ COMMITTED behind the writers' lock (db/engine/locks.ts), so code
 * written for SQLite's one writer at a time stays correct with several app processes; hot
 * paths that keep their invariants on their own opt out (`concurrent`), or take only the lock
 * of the one thing they change (`serialiseOn`: a learner's heartbeat). When PostgreSQL aborts
 * one of two conflicting transactions (serialisation failure, deadlock), the whole `fn` runs
 * again on a fresh snapshot, a few times, before the error reaches the caller.
 */
export function postgresEngine(pool: pg.Pool, opts: { retries?: number } = {}): Engine {
  return new PostgresEngine(pool, opts.retries ?? 5);
}

/** A PostgreSQL engine's rows a batch at a time, from one snapshot (`PostgresEngine.cursor`). */
export function streamOnPostgres<T>(e: Engine, sql: string, params: SqlParams | undefined, batch: number): AsyncIterableIterator<T> {
  if (!isPostgresEngine(e)) throw new TypeError("streamOnPostgres: not a PostgreSQL engine");
  return e.cursor<T>(sql, params, batch);
}

/**
 * By its shape, not `instanceof`: a production build holds a copy of this module per server
 * bundle (instrumentation, route handlers, pages), and the process's one engine on globalThis
 * (db/client.ts) is an instance of whichever copy's class made it first.
 */
function isPostgresEngine(e: Engine): e is PostgresEngine {
  return e.dialect === "postgres" && typeof (e as Partial<Pick<PostgresEngine, "cursor">>).cursor === "function";
}

/** SQLSTATEs after which re-running the whole transaction is safe and likely to succeed. */
const RETRYABLE = new Set(["40001", "40P01"]);

class PostgresEngine implements Engine {
  readonly dialect = "postgres" as const;

  constructor(
    private readonly pool: pg.Pool,
    private readonly retries: number,
  ) {}

  all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    const tx = this.joined();
    if (tx) return tx.all<T>(sql, params);
    return query<T>(this.pool, sql, params).then((r) => r.rows);
  }

  get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    const tx = this.joined();
    if (tx) return tx.get<T>(sql, params);
    return query<T>(this.pool, sql, params).then((r) => r.rows[0]);
  }

  run(sql: string, params?: SqlParams): Promise<RunResult> {
    const tx = this.joined();
    if (tx) return tx.run(sql, params);
    return query(this.pool, sql, params).then((r) => ({ changes: r.rowCount ?? 0 }));
  }

  values(sql: string, params?: SqlParams): Promise<unknown[][]> {
    const tx = this.joined();
    if (tx) return tx.values(sql, params);
    return valuesQuery(this.pool, sql, params);
  }

  // async: a refused lock key rejects like any other failure.
  async write<T>(fn: (tx: Transaction) => Promise<T>, opts: WriteOptions = {}): Promise<T> {
    const tx = this.joined();
    if (tx) return tx.write(fn);
    const first = opts.serialiseOn ? keyedLockStatement(opts.serialiseOn) : opts.concurrent ? undefined : lockStatement("writers");
    return this.openTransaction("BEGIN", first, fn, this.retries);
  }

  read<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const tx = this.joined();
    if (tx) return fn(tx);
    return this.openTransaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", undefined, fn, 0);
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  /**
   * The rows of a read-only statement a batch at a time, as they are asked for (exports): a
   * cursor in a REPEATABLE READ transaction on a client of its own, so the rows are one snapshot
   * and memory stays one batch. The client goes back to the pool after the last row, an error or
   * `return()`: call `return()` when stopping early.
   */
  cursor<T>(sql: string, params: SqlParams | undefined, batch: number): AsyncIterableIterator<T> {
    const statement = toPgStatement(sql);
    const values = pgValues(statement, params);
    const pool = this.pool;
    let client: pg.PoolClient | null = null;
    let rows: T[] = [];
    let at = 0;
    let finished = false;
    const end = async (commit: boolean) => {
      const c = client;
      client = null;
      if (!c) return;
      let broken: Error | undefined;
      try {
        await c.query(commit ? "COMMIT" : "ROLLBACK");
      } catch (error) {
        broken = error as Error;
      } finally {
        c.release(broken);
      }
    };
    const it: AsyncIterableIterator<T> = {
      [Symbol.asyncIterator]: () => it,
      async next() {
        if (at >= rows.length && !finished) {
          try {
            if (!client) {
              client = await pool.connect();
              await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
              await client.query({ text: `DECLARE binomio_stream NO SCROLL CURSOR FOR ${statement.text}`, values });
            }
            rows = (await client.query<T & pg.QueryResultRow>({ text: `FETCH ${batch} FROM binomio_stream`, types: pgRowTypes })).rows;
            at = 0;
            if (rows.length < batch) {
              finished = true;
              await end(true);
            }
          } catch (error) {
            finished = true;
            rows = [];
            await end(false);
            throw error;
          }
        }
        return at < rows.length ? { value: rows[at++]!, done: false } : { value: undefined, done: true };
      },
      async return() {
        finished = true;
        rows = [];
        await end(false);
        return { value: undefined, done: true };
      },
    };
    return it;
  }

  /**
   * This engine's transaction the caller runs inside, if any: its statements join it (another
   * client would not see its writes and could wait on its locks for ever).
   */
  private joined(): PostgresTransaction | undefined {
    const tx = currentTransaction();
    return tx instanceof PostgresTransaction && tx.pool === this.pool ? tx : undefined;
  }

  /** `lock`: the statement taking the transaction's lock, if any, sent with BEGIN. */
  private async openTransaction<T>(begin: string, lock: string | undefined, fn: (tx: Transaction) => Promise<T>, retries: number): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        // One round trip for both: a simple query may hold several statements.
        await client.query(lock ? `${begin}; ${lock}` : begin);
        const tx = new PostgresTransaction(this.pool, client);
        const value = await runInTransactionContext(tx, () => fn(tx));
        await client.query("COMMIT");
        return value;
      } catch (error) {
        try {
          await client.query("ROLLBACK");
        } catch (rollbackError) {
          // The connection itself failed: the pool must not hand it out again.
          broken = rollbackError as Error;
        }
        const code = (error as { code?: string }).code;
        if (attempt < retries && code && RETRYABLE.has(code)) {
          await backoff(attempt);
          continue;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    }
  }
}

class PostgresTransaction implements Transaction {
  readonly dialect = "postgres" as const;
  private savepoints = 0;

  constructor(
    readonly pool: pg.Pool,
    private readonly client: pg.PoolClient,
  ) {}

  all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return query<T>(this.client, sql, params).then((r) => r.rows);
  }

  values(sql: string, params?: SqlParams): Promise<unknown[][]> {
    return valuesQuery(this.client, sql, params);
  }

  get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return query<T>(this.client, sql, params).then((r) => r.rows[0]);
  }

  run(sql: string, params?: SqlParams): Promise<RunResult> {
    return query(this.client, sql, params).then((r) => ({ changes: r.rowCount ?? 0 }));
  }

  async lock(name: LockName): Promise<void> {
    await this.client.query(lockStatement(name));
  }

  async lockKey(lock: KeyedLock): Promise<void> {
    await this.client.query(keyedLockStatement(lock));
  }

  async write<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> {
    const name = `sp${++this.savepoints}`;
    await this.client.query(`SAVEPOINT ${name}`);
    try {
      const value = await fn(this);
      await this.client.query(`RELEASE SAVEPOINT ${name}`);
      return value;
    } catch (error) {
      await this.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
      await this.client.query(`RELEASE SAVEPOINT ${name}`);
      throw error;
    }
  }
}

function query<T>(on: pg.Pool | pg.PoolClient, sql: string, params: SqlParams | undefined): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
  const statement = toPgStatement(sql);
  return on.query<T & pg.QueryResultRow>({ name: statement.name, text: statement.text, values: pgValues(statement, params), types: pgRowTypes });
}

function valuesQuery(on: pg.Pool | pg.PoolClient, sql: string, params: SqlParams | undefined): Promise<unknown[][]> {
  const statement = toPgStatement(sql);
  return on
    .query<unknown[]>({ name: statement.name, text: statement.text, values: pgValues(statement, params), types: pgRowTypes, rowMode: "array" })
    .then((r) => r.rows);
}

/** Integers only in the text (no parameters), so it can share a simple query with BEGIN. */
function lockStatement(name: LockName): string {
  return `SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${LOCKS[name]})`;
}

function keyedLockStatement(lock: KeyedLock): string {
  const [kind, key] = keyedLockArgs(lock);
  return `SELECT pg_advisory_xact_lock(${kind}, ${key})`;
}

/** 5, 10, 20… ms with jitter: the conflicting transaction usually commits within that. */
function backoff(attempt: number): Promise<void> {
  const ms = 5 * 2 ** attempt * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}

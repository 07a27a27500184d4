import type { AppDatabase } from "./open";
import { preparedStatements } from "./prepared";
import { assertNoForeignTransaction } from "./engine/transaction-owner";

/**
 * The project's one transaction idiom for writes: every multi-statement write goes through
 * `writeTransaction`, never through `sqlite.transaction(…)` or drizzle's `orm.transaction`.
 *
 * Runs `fn` in a write transaction that takes the lock first (BEGIN IMMEDIATE), or as a
 * savepoint when the caller already opened one — so a function can be atomic on its own and
 * still join the transaction of the event that triggered it. Taking the lock first matters:
 * a deferred transaction that read before writing fails with SQLITE_BUSY when another
 * connection wrote in between (the audit chain, the attempt limit).
 *
 * `fn` must be synchronous (better-sqlite3): an awaited promise would run after the commit.
 */
export function writeTransaction<T>(d: AppDatabase, fn: () => T): T {
  assertNoForeignTransaction(d.sqlite);
  const tx = transactionWrapper(d);
  return (d.sqlite.inTransaction ? tx(fn) : tx.immediate(fn)) as T;
}

/**
 * Runs `fn` in a read transaction (BEGIN DEFERRED): every statement in it sees the same
 * snapshot of the database, whatever other connections commit meanwhile (WAL mode). For
 * reads that must agree with each other, e.g. a chain verified row by row. Never write in it.
 */
export function readTransaction<T>(d: AppDatabase, fn: () => T): T {
  assertNoForeignTransaction(d.sqlite);
  return (d.sqlite.inTransaction ? fn() : transactionWrapper(d).deferred(fn)) as T;
}

/** One wrapper per connection, in the prepared-statement cache (building one per call showed in the heartbeat profile). */
function transactionWrapper(d: AppDatabase) {
  return preparedStatements(d, "transaction", (sqlite) => sqlite.transaction((run: () => unknown) => run()));
}

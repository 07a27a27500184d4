import { AsyncLocalStorage } from "node:async_hooks";
import type Database from "better-sqlite3";

/**
 * Which asynchronous SQLite transaction is open on a connection, and which async context it
 * runs in. The synchronous idiom (db/transaction.ts) checks it, so that code of another request
 * can never join — and roll back with — a transaction that is not its own.
 *
 * On globalThis: a production build loads these modules once per server bundle, and they must
 * agree (lib/runtime/direct-routes.ts).
 */
type Owners = { context: AsyncLocalStorage<object>; open: WeakMap<Database.Database, object> };

const holder = globalThis as { __binomioAsyncTransactions?: Owners };
const owners = (holder.__binomioAsyncTransactions ??= { context: new AsyncLocalStorage<object>(), open: new WeakMap() });

/** Runs `fn` as the transaction `tx` open on `sqlite`; its async continuations stay inside it. */
export function runAsOwner<T>(sqlite: Database.Database, tx: object, fn: () => T): T {
  owners.open.set(sqlite, tx);
  return runInTransactionContext(tx, fn);
}

/** Marks `fn`'s async context as inside `tx` (an engine's own statements are then refused there). */
export function runInTransactionContext<T>(tx: object, fn: () => T): T {
  return owners.context.run(tx, fn);
}

export function releaseOwner(sqlite: Database.Database): void {
  owners.open.delete(sqlite);
}

/** The transaction the caller runs inside, if any. */
export function currentTransaction(): object | undefined {
  return owners.context.getStore();
}

/** Throws when another context's asynchronous transaction is open on the connection. */
export function assertNoForeignTransaction(sqlite: Database.Database): void {
  const open = owners.open.get(sqlite);
  if (open && open !== owners.context.getStore()) {
    throw new Error("Another request's transaction is open on this connection (it awaited outside the database)");
  }
}

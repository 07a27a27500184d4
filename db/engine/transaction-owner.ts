import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Which engine transaction the running code is inside (its async context), so that the engine's
 * own statements called there join it, and statements from another request's context do not.
 *
 * On globalThis: a production build loads these modules once per server bundle, and they must
 * agree (lib/runtime/direct-routes.ts).
 */
const holder = globalThis as { __binomioTransactionContext?: AsyncLocalStorage<object> };
const context = (holder.__binomioTransactionContext ??= new AsyncLocalStorage<object>());

/** Marks `fn`'s async context as inside `tx`: its async continuations stay inside it. */
export function runInTransactionContext<T>(tx: object, fn: () => T): T {
  return context.run(tx, fn);
}

/** The transaction the caller runs inside, if any. */
export function currentTransaction(): object | undefined {
  return context.getStore();
}

import "server-only";
import { hasSqliteConnection } from "../open";
import type { Engine } from "../engine/types";
import { allInWorker, getInWorker } from "../read-worker";
import type { SqlParams } from "./read-connection";

/**
 * A read written once and run either on a connection of this thread or on the read worker
 * (db/read-worker.ts). A read that takes several statements, each depending on the last (the
 * participants page: its people, then their rows), is a generator — a plan — that yields each
 * statement and is handed its rows back. `runAsync` answers each from an asynchronous reader:
 * the engine (db/engine's `Queryable` is one), or the worker (`runInWorker`), so the server's
 * thread keeps serving meanwhile. The rules live in the plan, once.
 */
export type Read = { mode: "all" | "get"; sql: string; params: SqlParams };
export type ReadPlan<T> = Generator<Read, T, unknown>;

/** Reads that answer with promises. */
export type AsyncReader = {
  all<R>(sql: string, params: SqlParams): Promise<R[]>;
  get<R>(sql: string, params: SqlParams): Promise<R | undefined>;
};

/** Every row of one statement (use with `yield*` inside a plan). */
export function* readAll<R>(sql: string, params: SqlParams): Generator<Read, R[], unknown> {
  return (yield { mode: "all", sql, params }) as R[];
}

/** The first row of one statement, or undefined (use with `yield*` inside a plan). */
export function* readFirst<R>(sql: string, params: SqlParams): Generator<Read, R | undefined, unknown> {
  return (yield { mode: "get", sql, params }) as R | undefined;
}

/** Runs a plan on an asynchronous reader, one statement at a time. */
export async function runAsync<T>(reader: AsyncReader, plan: ReadPlan<T>): Promise<T> {
  for (let step = plan.next(); ; ) {
    if (step.done) return step.value;
    const { mode, sql, params } = step.value;
    step = plan.next(mode === "get" ? await reader.get(sql, params) : await reader.all(sql, params));
  }
}

/**
 * Runs a plan with every statement read on the worker thread (inline for an in-memory database,
 * as the worker does). On PostgreSQL, whose reads never held the event loop, in one read
 * transaction of the engine: the statements see one snapshot.
 */
export function runInWorker<T>(d: Engine, plan: ReadPlan<T>): Promise<T> {
  if (!hasSqliteConnection(d)) return d.read((tx) => runAsync(tx, plan));
  return runAsync({ all: (sql, params) => allInWorker(d, sql, params), get: (sql, params) => getInWorker(d, sql, params) }, plan);
}

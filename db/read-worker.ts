import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { hasSqliteConnection, type AppDatabase } from "./open";
import { streamOnPostgres } from "./engine/postgres";
import type { Engine, SqlValue } from "./engine/types";
import { rowObject } from "./queries/read-connection";

/**
 * Long reads off the event loop. better-sqlite3 answers synchronously, so a statement that
 * reads the whole register of 10,000 people (an admin sorting participants by last access)
 * held every learner's request behind it for a few hundred milliseconds — the first thing the
 * training-day benchmark hit (README "Performance"). Such statements run here instead, on one
 * worker thread with its own read-only connection to the same file; the server's thread keeps
 * answering meanwhile, and SQLite's WAL gives the worker the last committed state.
 *
 * One worker: it runs one statement at a time, in order; the machine has two cores, one for
 * the server's thread and one for this. It is started at the first long read and never keeps
 * the process alive. An in-memory database (tests) has no file to share: it is read inline.
 */
const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "read-worker-thread.mjs");

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type State = { worker: Worker; pending: Map<number, Pending>; next: number; idle: NodeJS.Timeout | null; cursors: number };
/** A worker left idle this long is stopped: its heap and page cache go back to the system until the next long read. */
const IDLE_MS = 15_000;
const holder = globalThis as { __binomioReadWorker?: State | null };

function state(): State {
  let s = holder.__binomioReadWorker;
  if (s) return s;
  const worker = new Worker(WORKER_FILE, { resourceLimits: { maxOldGenerationSizeMb: 96 } });
  worker.unref();
  s = { worker, pending: new Map(), next: 1, idle: null, cursors: 0 };
  const current = s;
  worker.on("message", (m: { id: number; result?: unknown; error?: { message: string; code?: string } }) => {
    const p = current.pending.get(m.id);
    if (!p) return;
    current.pending.delete(m.id);
    if (m.error) p.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
    else p.resolve(m.result);
  });
  const fail = (e: Error) => {
    // A dead worker fails what it held; the next read starts a new one.
    if (holder.__binomioReadWorker === current) holder.__binomioReadWorker = null;
    for (const p of current.pending.values()) p.reject(e);
    current.pending.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the read worker exited (${code})`)));
  holder.__binomioReadWorker = s;
  return s;
}

type Message = { type: "all" | "get" | "open" | "next" | "close"; id?: number; file?: string; sql?: string; params?: Record<string, unknown>; rows?: number };

/** Sends one message to the worker and resolves with its answer. */
function call<T>(message: Message): Promise<T> {
  const s = state();
  const reply = s.next++;
  if (s.idle) clearTimeout(s.idle);
  s.idle = null;
  return new Promise<T>((resolve, reject) => {
    s.pending.set(reply, { resolve: resolve as (v: unknown) => void, reject });
    s.worker.ref();
    s.worker.postMessage({ ...message, reply });
  }).finally(() => {
    if (s.pending.size > 0) return;
    s.worker.unref();
    if (s.cursors > 0) return;
    s.idle = setTimeout(() => {
      if (s.pending.size > 0 || s.cursors > 0 || holder.__binomioReadWorker !== s) return;
      holder.__binomioReadWorker = null;
      void s.worker.terminate();
    }, IDLE_MS);
    s.idle.unref();
  });
}

const inMemory = (d: AppDatabase) => d.sqlite.memory || !d.sqlite.name || d.sqlite.name === ":memory:";

function run<T>(d: AppDatabase, sql: string, params: Record<string, unknown>, mode: "all" | "get"): Promise<T> {
  if (inMemory(d)) {
    const stmt = d.sqlite.prepare(sql);
    return Promise.resolve((mode === "get" ? stmt.get(params) : stmt.all(params)) as T);
  }
  return call<T>({ type: mode, file: path.resolve(d.sqlite.name), sql, params });
}

/** Every row of a read-only statement, read on the worker thread. */
export function allInWorker<T>(d: AppDatabase, sql: string, params: Record<string, unknown>): Promise<T[]> {
  return run<T[]>(d, sql, params, "all");
}

/** The first row (or undefined), read on the worker thread. */
export function getInWorker<T>(d: AppDatabase, sql: string, params: Record<string, unknown>): Promise<T | undefined> {
  return run<T | undefined>(d, sql, params, "get");
}

/** Rows fetched from the worker per message: a register of 10,000 people is ten messages. */
const CURSOR_BATCH = 1000;

/**
 * A statement's rows as plain objects, read on the worker thread a batch at a time as they
 * are asked for — an export's rows. The statement's read transaction is open from the first
 * call to `next()` until the last row or `return()`, so the rows are one snapshot, as on a
 * connection of the server's own. Call `return()` when stopping early.
 *
 * On PostgreSQL, whose reads never held the event loop, the same rows come from a cursor on a
 * pooled client of their own (`PostgresEngine.cursor`), a batch at a time from one snapshot.
 */
export function iterateInWorker<T>(d: Engine, sql: string, params: Record<string, SqlValue>): AsyncIterableIterator<T> {
  if (!hasSqliteConnection(d)) return streamOnPostgres<T>(d, sql, params, CURSOR_BATCH);
  return iterateSqliteInWorker<T>(d, sql, params);
}

function iterateSqliteInWorker<T>(d: AppDatabase, sql: string, params: Record<string, unknown>): AsyncIterableIterator<T> {
  const file = inMemory(d) ? null : path.resolve(d.sqlite.name);
  let buffered: T[] = [];
  let at = 0;
  let columns: string[] | null = null;
  let finished = false;
  let cursor: { id: number; state: State } | null = null;
  const close = async () => {
    if (finished) return;
    finished = true;
    buffered = [];
    at = 0;
    if (cursor) {
      const c = cursor;
      cursor = null;
      c.state.cursors -= 1;
      await call({ type: "close", id: c.id }).catch(() => undefined);
    }
  };
  const it: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => it,
    async next() {
      if (at >= buffered.length && !finished) {
        at = 0;
        if (!file) {
          // No file to share (tests on an in-memory database): read inline.
          buffered = d.sqlite.prepare(sql).all(params) as T[];
          finished = true;
        } else {
          if (!cursor) {
            const s = state();
            const id = s.next++;
            s.cursors += 1;
            cursor = { id, state: s };
            try {
              columns = (await call<{ columns: string[] }>({ type: "open", id, file, sql, params })).columns;
            } catch (e) {
              await close();
              throw e;
            }
          }
          const got = await call<{ rows: unknown[][]; done: boolean }>({ type: "next", id: cursor.id, rows: CURSOR_BATCH });
          const names = columns!;
          buffered = got.rows.map((r) => rowObject<T>(names, r));
          if (got.done) {
            cursor.state.cursors -= 1;
            cursor = null;
            finished = true;
          }
        }
      }
      if (at >= buffered.length) return { done: true, value: undefined };
      return { done: false, value: buffered[at++]! };
    },
    async return() {
      await close();
      return { done: true, value: undefined };
    },
  };
  return it;
}

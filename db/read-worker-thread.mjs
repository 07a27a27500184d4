// @ts-check
/**
 * The read worker (db/read-worker.ts): runs one long read-only statement at a time on its own
 * connection, off the server's event loop. Plain JavaScript: it is started from a file path at
 * run time, outside Next's bundle.
 */
import fs from "node:fs";
import os from "node:os";
import { parentPort } from "node:worker_threads";
import Database from "better-sqlite3";

if (!parentPort) throw new Error("read-worker-thread.mjs runs as a worker thread");
const port = parentPort;

/**
 * This thread runs at a lower priority than the server's own threads: an administrator's
 * report may take a moment longer while people are training, but it must not take the CPU from
 * their lessons, heartbeats and sign-ins (argon2 runs on libuv's pool). Linux schedules threads
 * like processes, so setpriority on this thread's id lowers this thread alone; elsewhere the
 * thread keeps the process's priority.
 */
const WORKER_NICENESS = 10;
try {
  const tid = Number(fs.readlinkSync("/proc/thread-self").split("/").pop());
  if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, WORKER_NICENESS);
} catch {
  // Not Linux, or not allowed: same priority as the server.
}

/** @type {Map<string, import("better-sqlite3").Database>} */
const connections = new Map();
/** @type {Map<string, import("better-sqlite3").Statement>} */
const statements = new Map();
const STATEMENT_CACHE = 64;

/** @param {string} file */
function connection(file) {
  let c = connections.get(file);
  if (!c) {
    c = new Database(file, { readonly: true, fileMustExist: true });
    c.pragma("busy_timeout = 5000");
    // SQLite's own 8 MB rather than better-sqlite3's 16 MB: the register reads each page once.
    c.pragma("cache_size = -8000");
    connections.set(file, c);
  }
  return c;
}

/** @param {string} file @param {string} sql */
function statement(file, sql) {
  const key = `${file}\0${sql}`;
  let s = statements.get(key);
  if (!s) {
    s = connection(file).prepare(sql);
    if (statements.size >= STATEMENT_CACHE) statements.delete(/** @type {string} */ (statements.keys().next().value));
    statements.set(key, s);
  }
  return s;
}

/** Open cursors (exports): a statement of their own each, iterating across messages. */
/** @type {Map<number, IterableIterator<unknown[]>>} */
const cursors = new Map();

/** @param {{ id: number, type?: "all" | "get" | "open" | "next" | "close", file: string, sql: string, params: Record<string, unknown>, mode?: "all" | "get", rows?: number }} m */
function answer(m) {
  const type = m.type ?? m.mode ?? "all";
  if (type === "open") {
    const stmt = connection(m.file).prepare(m.sql);
    const columns = stmt.columns().map((c) => c.name);
    // Started here, so the read transaction (the export's snapshot) begins now.
    cursors.set(m.id, /** @type {IterableIterator<unknown[]>} */ (stmt.raw(true).iterate(m.params)));
    return { columns };
  }
  if (type === "next") {
    const it = cursors.get(m.id);
    if (!it) throw new Error("no such cursor");
    const rows = [];
    let done = false;
    while (rows.length < (m.rows ?? 1000)) {
      const n = it.next();
      if (n.done) {
        done = true;
        break;
      }
      rows.push(n.value);
    }
    if (done) cursors.delete(m.id);
    return { rows, done };
  }
  if (type === "close") {
    cursors.get(m.id)?.return?.();
    cursors.delete(m.id);
    return {};
  }
  const s = statement(m.file, m.sql);
  return type === "get" ? s.get(m.params) : s.all(m.params);
}

port.on("message", (/** @type {Parameters<typeof answer>[0] & { reply: number }} */ m) => {
  try {
    port.postMessage({ id: m.reply, result: answer(m) });
  } catch (e) {
    const err = /** @type {Error & { code?: string }} */ (e);
    port.postMessage({ id: m.reply, error: { message: err.message, code: err.code } });
  }
});

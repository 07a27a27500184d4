// @ts-check
/**
 * The read worker (db/read-worker.ts): runs one long read-only statement at a time on its own
 * connection, off the server's event loop. Plain JavaScript: it is started from a file path at
 * run time, outside Next's bundle.
 */
import { parentPort } from "node:worker_threads";
import Database from "better-sqlite3";

if (!parentPort) throw new Error("read-worker-thread.mjs runs as a worker thread");
const port = parentPort;

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

port.on("message", (/** @type {{ id: number, file: string, sql: string, params: Record<string, unknown>, mode: "all" | "get" }} */ m) => {
  try {
    const s = statement(m.file, m.sql);
    port.postMessage({ id: m.id, result: m.mode === "get" ? s.get(m.params) : s.all(m.params) });
  } catch (e) {
    const err = /** @type {Error & { code?: string }} */ (e);
    port.postMessage({ id: m.id, error: { message: err.message, code: err.code } });
  }
});

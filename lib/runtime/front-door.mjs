// @ts-check
/**
 * What every request goes through before Next.js sees it (scripts/serve.mjs installs it in
 * front of Next's request handler). Plain JavaScript because it runs in the server process
 * before any of the app's TypeScript is loaded.
 *
 * 1. **Body limits.** Every route — ours, Auth.js's `/api/auth/*`, server actions, pages —
 *    has one ({@link bodyLimitFor}). A declared Content-Length over it is answered 413 at
 *    once; a chunked body is counted as it arrives from the socket ({@link LimitedRequest}),
 *    and the request is answered 413 and cut off as soon as it passes the limit. Nothing over
 *    the limit is ever buffered, by us or by Next. Routes keep their own smaller limits on top
 *    (lib/http.ts `readJson`).
 * 2. **Malformed URLs.** A path whose percent-encoding does not decode (`/%c0`) is answered 400
 *    here, instead of a 500 from whichever route would have tried to decode it.
 */
import http from "node:http";

/** The default limit for any request body: far above any form or JSON call the app makes. */
export const DEFAULT_BODY_LIMIT = 128 * 1024;
/** The largest employee CSV an admin may import (lib/people/csv-import.ts). */
export const IMPORT_FILE_LIMIT = 10 * 1024 * 1024;
/** Room for the multipart envelope around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** Routes allowed more than the default: the only one today is the employee import. */
const LARGER_LIMITS = [{ path: "/api/admin/people/import", bytes: IMPORT_FILE_LIMIT + MULTIPART_OVERHEAD }];

/**
 * The body limit for a request path (query string excluded).
 * @param {string} pathname
 * @returns {number}
 */
export function bodyLimitFor(pathname) {
  return LARGER_LIMITS.find((l) => l.path === pathname)?.bytes ?? DEFAULT_BODY_LIMIT;
}

/**
 * The request object Node's HTTP server builds for every request (`createServer({
 * IncomingMessage: LimitedRequest })`). The HTTP parser hands each piece of the body to
 * `push` as it arrives; past `bodyLimit` the bytes are dropped instead of queued and
 * `over-limit` is emitted once, so whoever is reading sees no more data and nothing grows.
 */
export class LimitedRequest extends http.IncomingMessage {
  /** Set by the front door as soon as the URL is known, before the first body byte. */
  bodyLimit = DEFAULT_BODY_LIMIT;
  received = 0;
  overLimit = false;

  /**
   * @param {any} chunk
   * @param {BufferEncoding} [encoding]
   * @returns {boolean}
   */
  push(chunk, encoding) {
    if (chunk !== null && chunk !== undefined) {
      if (this.overLimit) return false;
      this.received += chunk.length;
      if (this.received > this.bodyLimit) {
        this.overLimit = true;
        process.nextTick(() => this.emit("over-limit"));
        return false;
      }
    }
    return super.push(chunk, encoding);
  }
}

/**
 * Answers a request before Next sees it, and closes the connection: the rest of a refused body
 * is not worth reading.
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {string} error
 * @param {string} message
 */
function refuse(res, status, error, message) {
  if (res.headersSent) return;
  res.shouldKeepAlive = false;
  const body = JSON.stringify({ error, message });
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    connection: "close",
  });
  res.end(body);
}

/**
 * @param {http.ServerResponse} res
 * @param {number} limit
 */
function tooLarge(res, limit) {
  refuse(res, 413, "payload_too_large", `The body must be at most ${limit} bytes.`);
}

/**
 * Is the body this request declares (Content-Length) over its route's limit? Checked before a
 * client that sent `Expect: 100-continue` is invited to send it.
 * @param {http.IncomingMessage} req
 */
export function declaresTooMuch(req) {
  const declared = req.headers["content-length"];
  return declared !== undefined && Number(declared) > bodyLimitFor((req.url ?? "/").split("?")[0] ?? "/");
}

/**
 * Wraps Next's request handler with the checks above.
 * @param {(req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>} next
 * @returns {(req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>}
 */
export function frontDoor(next) {
  return async (req, res) => {
    const url = req.url ?? "/";
    const pathname = url.split("?")[0] ?? "/";
    const limit = bodyLimitFor(pathname);
    const limited = req instanceof LimitedRequest ? req : null;
    // Synchronously, before the parser can hand over the first body byte.
    if (limited) limited.bodyLimit = limit;

    if (declaresTooMuch(req)) {
      if (limited) limited.overLimit = true;
      return tooLarge(res, limit);
    }
    try {
      decodeURIComponent(pathname);
    } catch {
      return refuse(res, 400, "bad_request", "The address is not validly encoded.");
    }

    if (limited) {
      limited.once("over-limit", () => {
        tooLarge(res, limit);
        // Whoever was reading the body gets an error rather than a truncated body.
        res.once("finish", () => req.destroy());
        if (res.writableFinished) req.destroy();
      });
    }
    try {
      await next(req, res);
    } catch (e) {
      // A request cut off at its limit may fail inside Next after the 413 went out: nothing to add.
      if (limited?.overLimit) return;
      throw e;
    }
  };
}

// @ts-check
/**
 * What every request goes through before Next.js sees it (scripts/serve.mjs installs it in
 * front of Next's request handler). Plain JavaScript because it runs in the server process
 * before any of the app's TypeScript is loaded; lib/env.ts validates the variables it reads.
 *
 * 1. **Body limits.** Every route — ours, Auth.js's `/api/auth/*`, server actions, pages —
 *    has one ({@link bodyLimitFor}). A declared Content-Length over it is answered 413 at
 *    once; a chunked body is counted as it arrives from the socket ({@link LimitedRequest}),
 *    and the request is answered 413 and cut off as soon as it passes the limit. Nothing over
 *    the limit is ever buffered, by us or by Next. Routes keep their own smaller limits on top
 *    (lib/http.ts `readJson`).
 * 2. **Malformed URLs.** A path whose percent-encoding does not decode (`/%c0`) is answered 400
 *    here, instead of a 500 from whichever route would have tried to decode it.
 * 3. **The client's address.** `X-Forwarded-For` is believed only from a proxy listed in
 *    TRUSTED_PROXIES; otherwise the socket's address is the client. Either way the request
 *    reaches Next with exactly one address in `X-Forwarded-For` (what lib/auth/client-ip.ts
 *    reads), and with no forwarded host, protocol or port from an untrusted client.
 */
import http from "node:http";
import net from "node:net";

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
 * How much of a refused body is read and thrown away so that the client, still sending, gets
 * to read the 413 (closing a socket with unread data resets the connection, and the client
 * then loses the answer). Past this the connection is simply cut.
 */
const DRAIN_LIMIT = 128 * 1024 * 1024;

/**
 * The request object Node's HTTP server builds for every request (`createServer({
 * IncomingMessage: LimitedRequest })`). The HTTP parser hands each piece of the body to `push`
 * as it arrives; past `bodyLimit` every further piece is thrown away instead of queued, and
 * `over-limit` is emitted once. If the request was already handed to Next (a chunked body,
 * whose size is known only as it arrives), its end is withheld and the stream is destroyed
 * instead, so the handler reading it gets an error — never a cut-off body that looks whole —
 * while the socket stays open to drain the rest.
 */
export class LimitedRequest extends http.IncomingMessage {
  /** Set by the front door as soon as the URL is known, before the first body byte. */
  bodyLimit = DEFAULT_BODY_LIMIT;
  received = 0;
  overLimit = false;
  /** Set once the request has been passed on to Next. */
  handedOn = false;

  /**
   * @param {any} chunk
   * @param {BufferEncoding} [encoding]
   * @returns {boolean}
   */
  push(chunk, encoding) {
    if (chunk === null || chunk === undefined) {
      if (this.overLimit) this.emit("drained");
      // The end of a refused body reaches only a request nobody is reading.
      return this.overLimit && this.handedOn ? true : super.push(chunk, encoding);
    }
    this.received += chunk.length;
    if (this.overLimit) {
      if (this.received > this.bodyLimit + DRAIN_LIMIT) this.socket.destroy();
      return true;
    }
    if (this.received > this.bodyLimit) {
      this.overLimit = true;
      process.nextTick(() => this.emit("over-limit"));
      return true;
    }
    return super.push(chunk, encoding);
  }

  /**
   * Destroying a refused request ends it for its reader but keeps the socket, which still has
   * to drain the body and carry the 413.
   * @param {Error | null} error
   * @param {(error?: Error | null) => void} callback
   */
  _destroy(error, callback) {
    if (!this.overLimit) return super._destroy(error, callback);
    // Like Node's own: an error nobody listens for is not raised.
    process.nextTick(() => callback(this.listenerCount("error") > 0 ? error : null));
  }
}

/**
 * Parses TRUSTED_PROXIES: addresses and CIDR ranges, comma-separated (`127.0.0.1,10.0.0.0/8,::1`).
 * @param {string | undefined} raw
 * @returns {net.BlockList}
 * @throws {Error} naming the first entry that is not an address or a range
 */
export function parseTrustedProxies(raw) {
  const list = new net.BlockList();
  for (const entry of (raw ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address, bits, extra] = entry.split("/");
    const family = net.isIP(address ?? "");
    if (!family || extra !== undefined) throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or a range like 10.0.0.0/8`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) {
      list.addAddress(/** @type {string} */ (address), type);
      continue;
    }
    const prefix = Number(bits);
    if (!/^\d+$/.test(bits) || prefix > (family === 4 ? 32 : 128)) throw new Error(`TRUSTED_PROXIES: "${entry}" has an invalid prefix length`);
    list.addSubnet(/** @type {string} */ (address), prefix, type);
  }
  return list;
}

/**
 * `::ffff:1.2.3.4` (an IPv4 client of a dual-stack socket) as `1.2.3.4`.
 * @param {string} address
 */
function plain(address) {
  return address.startsWith("::ffff:") && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
}

/**
 * @param {net.BlockList} trusted
 * @param {string} address
 */
function isTrusted(trusted, address) {
  const family = net.isIP(address);
  return family !== 0 && trusted.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address: the socket's, unless the socket's peer is a trusted proxy; then the
 * `X-Forwarded-For` hops are read from the right (each proxy appends the address it saw), and
 * the first one that is not itself a trusted proxy is the client. A hop that is not an address
 * stops the walk at the last trusted one.
 * @param {string | undefined} socketAddress
 * @param {string | string[] | undefined} forwardedFor
 * @param {net.BlockList} trusted
 * @returns {string}
 */
export function clientAddress(socketAddress, forwardedFor, trusted) {
  let client = plain(socketAddress ?? "");
  if (!client) return "unknown";
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((h) => plain(h.trim()))
    .filter(Boolean);
  while (isTrusted(trusted, client) && hops.length > 0) {
    const hop = /** @type {string} */ (hops.pop());
    if (!net.isIP(hop)) break;
    client = hop;
  }
  return client;
}

/** Forwarding headers a client could set to pose as a proxy; only a trusted proxy may send them. */
const FORWARDED_FROM_PROXY = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

/**
 * Answers a request before Next sees it (a malformed URL).
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {string} error
 * @param {string} message
 */
function refuse(res, status, error, message) {
  if (res.headersSent) return;
  const body = JSON.stringify({ error, message });
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body), "cache-control": "no-store" });
  res.end(body);
}

/**
 * Answers 413 at once, but ends the response only once the client has sent the rest of its
 * body (read and thrown away, up to {@link DRAIN_LIMIT}): Node closes a connection as soon as
 * a response ends, and closing a socket the client is still writing to resets it, losing the
 * answer. The client reads the complete answer (its length is declared) in the meantime.
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {number} limit
 * @param {() => void} [end] ends the response (the original, when Next's writes are silenced)
 */
function tooLarge(req, res, limit, end = () => void res.end()) {
  if (res.headersSent) return;
  const body = JSON.stringify({ error: "payload_too_large", message: `The body must be at most ${limit} bytes.` });
  res.writeHead(413, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body), "cache-control": "no-store", connection: "close" });
  res.write(body);
  // A client waiting for "100 Continue" sends nothing more: there is nothing to drain.
  if (req.complete || /100-continue/i.test(req.headers.expect ?? "")) end();
  else req.once("drained", () => end());
}

/**
 * After the front door answered 413 to a request Next is already handling, Next's own answer
 * (an error page, or `end()` when its handler fails on the destroyed body) must not reach the
 * socket: ending the response early closes the connection while the client is still sending,
 * and the client loses the 413 to the reset. The 413's own end is called through the original.
 * @param {http.ServerResponse} res
 */
function silence(res) {
  res.writeHead = /** @type {any} */ (() => res);
  res.setHeader = /** @type {any} */ (() => res);
  res.write = /** @type {any} */ (() => true);
  res.end = /** @type {any} */ (() => res);
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
 * @param {{ trustedProxies: net.BlockList }} options
 * @returns {(req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>}
 */
export function frontDoor(next, options) {
  return async (req, res) => {
    const url = req.url ?? "/";
    const pathname = url.split("?")[0] ?? "/";
    const limit = bodyLimitFor(pathname);
    const limited = req instanceof LimitedRequest ? req : null;
    // Synchronously, before the parser can hand over the first body byte.
    if (limited) limited.bodyLimit = limit;

    if (declaresTooMuch(req)) {
      if (limited) limited.overLimit = true;
      return tooLarge(req, res, limit);
    }
    try {
      decodeURIComponent(pathname);
    } catch {
      return refuse(res, 400, "bad_request", "The address is not validly encoded.");
    }

    const peer = req.socket.remoteAddress;
    const fromProxy = peer !== undefined && isTrusted(options.trustedProxies, plain(peer));
    req.headers["x-forwarded-for"] = clientAddress(peer, req.headers["x-forwarded-for"], options.trustedProxies);
    if (!fromProxy) for (const name of FORWARDED_FROM_PROXY) delete req.headers[name];

    if (limited) {
      limited.handedOn = true;
      limited.once("over-limit", () => {
        if (!res.headersSent) {
          const end = res.end.bind(res);
          tooLarge(req, res, limit, () => void end());
          silence(res);
        }
        // The handler still waiting for the body sees it fail, never a truncated body.
        limited.destroy(new Error("request body over its limit"));
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

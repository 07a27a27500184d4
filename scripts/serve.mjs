// @ts-check
/**
 * The production server process (`npm start`, `npm run demo`, the crash suite and the
 * benchmark all run this file): Next.js's own request handler — the one `next start` uses,
 * through Next's documented custom-server API — behind the front door of
 * lib/runtime/front-door.mjs (body limits, malformed URLs, client address), plus the graceful
 * shutdown `next start` has:
 *
 * - SIGTERM / SIGINT: stop accepting connections, let the requests in flight finish, close
 *   Next, exit 143 / 130. A stuck request cannot hold the exit for longer than
 *   SHUTDOWN_TIMEOUT_SECONDS (default 8: under Docker's 10 s before SIGKILL).
 * - The database is checkpointed and closed, and its lock removed, on exit
 *   (lib/runtime/shutdown.ts, installed by instrumentation.ts).
 *
 * Reads HOST, PORT, TRUSTED_PROXIES and SHUTDOWN_TIMEOUT_SECONDS, which scripts/start.ts has
 * already validated (lib/env.ts); the launchers set NODE_ENV=production. Plain JavaScript: no
 * TypeScript loader in the server process.
 */
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { declaresTooMuch, frontDoor, LimitedRequest, parseTrustedProxies } from "../lib/runtime/front-door.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 8;

const hostname = process.env.HOST || "127.0.0.1";
const port = Number(process.env.PORT || 3000);
const shutdownSeconds = Number(process.env.SHUTDOWN_TIMEOUT_SECONDS) > 0 ? Number(process.env.SHUTDOWN_TIMEOUT_SECONDS) : DEFAULT_SHUTDOWN_TIMEOUT_SECONDS;

const app = next({ dev: false, dir: ROOT, hostname, port });
const handle = app.getRequestHandler();
/**
 * A lesson page, a course page, a heartbeat or a final-test submission is answered by the app's direct routes
 * (lib/runtime/direct-routes.ts, installed by instrumentation.ts while Next prepares): the same
 * handlers as their route files, without Next's request pipeline. Everything else goes to Next.
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
async function route(req, res) {
  const direct = /** @type {{ __binomioDirectRoutes?: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean> }} */ (globalThis).__binomioDirectRoutes;
  if (direct && (await direct(req, res))) return;
  await handle(req, res);
}
const listener = frontDoor(route, { trustedProxies: parseTrustedProxies(process.env.TRUSTED_PROXIES) });

/**
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
function onRequest(req, res) {
  listener(req, res).catch((e) => {
    console.error(`Failed to handle ${req.method} ${req.url}:`, e);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.end("Internal Server Error");
    }
  });
}

const server = http.createServer({ IncomingMessage: LimitedRequest }, onRequest);
// Node closes an idle keep-alive connection after 5 s. A client that keeps its own pool without
// an idle limit (a reverse proxy's upstream pool, Playwright's request context) can send on it
// just as it closes, and gets a reset instead of an answer. Idle connections stay open longer
// than such pools keep them (nginx: 60 s); a request's headers still have their own limit.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
// `Expect: 100-continue`: invite the body only when it fits (the front door answers 413 otherwise).
server.on("checkContinue", (req, res) => {
  if (!declaresTooMuch(req)) res.writeContinue();
  onRequest(req, res);
});

let closing = false;
/** @param {"SIGTERM" | "SIGINT"} signal */
function shutdown(signal) {
  if (closing) return;
  closing = true;
  const code = signal === "SIGINT" ? 130 : 143;
  console.log(`Binomio: ${signal} received, finishing in-flight requests (at most ${shutdownSeconds} s) before closing the database.`);
  setTimeout(() => {
    console.error(`Binomio: requests still running after ${shutdownSeconds} s; closing the database and exiting.`);
    process.exit(code);
  }, shutdownSeconds * 1000).unref();
  // Stops accepting, closes idle keep-alive connections, and calls back once the last request has finished.
  server.close(() => {
    app.close().then(
      () => process.exit(code),
      (e) => {
        console.error(e);
        process.exit(code);
      },
    );
  });
  // Connections whose request was still running keep alive after it: close them as they go idle.
  server.closeIdleConnections();
  setInterval(() => server.closeIdleConnections(), 100).unref();
}
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("SIGINT", () => shutdown("SIGINT"));

await app.prepare();
server.on("error", (e) => {
  console.error("Binomio: the server could not start:", e);
  process.exit(1);
});
server.listen(port, hostname, () => {
  // What `next start` sets: Next forwards server actions to its own origin with it.
  process.env.__NEXT_PRIVATE_ORIGIN = `http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`;
  console.log(`Binomio: ready on ${process.env.__NEXT_PRIVATE_ORIGIN}`);
});

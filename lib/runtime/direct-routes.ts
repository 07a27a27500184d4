import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip } from "node:zlib";
import { NextRequest } from "next/server";
import { serveCoursePage } from "@/lib/course-page/serve";
import { isCoursePagePath, isLessonPagePath } from "@/lib/content/lesson-urls";
import { serveLesson } from "@/lib/lessons/serve";
import { postHeartbeat } from "@/lib/progress/heartbeat-route";
import { postSubmit } from "@/lib/attempts/submit-route";
import { env } from "@/lib/env";
import { securityHeaders } from "./security-headers.mjs";

/**
 * The requests a training day is made of — a lesson page, the course page between two lessons,
 * a heartbeat every 30 s from everyone reading, and the final test's submission (a whole class
 * at the end of a session) — answered straight from the front door of the production server
 * (scripts/serve.mjs), without Next's request pipeline.
 *
 * Why: the benchmark measured Next's route-handler pipeline (routing, request adaptation, async
 * context, tracing) at ~1.2 ms of CPU per answer on this machine before any of our code runs —
 * more than our code costs on these three routes (README "Performance"). The handlers are the
 * same functions the route files export (app/courses/…/route.ts, app/api/heartbeat/route.ts,
 * app/api/quiz/attempts/[id]/submit/route.ts),
 * with the same session check, permission table and validation; only the adaptation from
 * Node's request to a Web `Request` and back is done here, plus what Next would add: the
 * security headers and gzip for HTML.
 *
 * Installed by instrumentation.ts, so this module is compiled with the app; `next dev` has no
 * front door and serves the same routes through Next.
 */
/** `/api/quiz/attempts/<id>/submit`: the id is validated by the handler, as under Next. */
const SUBMIT = /^\/api\/quiz\/attempts\/[^/]+\/submit$/;

type Direct = { match: (method: string, pathname: string) => ((req: NextRequest, segments: string[]) => Promise<Response>) | null };

const ROUTES: Direct[] = [
  {
    match: (method, pathname) =>
      (method === "GET" || method === "HEAD") && isLessonPagePath(pathname) ? (req, s) => serveLesson(req, s[1]!, s[2]!) : null,
  },
  {
    match: (method, pathname) => ((method === "GET" || method === "HEAD") && isCoursePagePath(pathname) ? (req, s) => serveCoursePage(req, s[1]!) : null),
  },
  {
    match: (method, pathname) => (method === "POST" && pathname === "/api/heartbeat" ? (req) => postHeartbeat(req, { params: Promise.resolve({}) }) : null),
  },
  {
    match: (method, pathname) =>
      method === "POST" && SUBMIT.test(pathname) ? (req, s) => postSubmit(req, { params: Promise.resolve({ id: s[3]! }) }) : null,
  },
];

const SECURITY_HEADERS = securityHeaders(env().NODE_ENV === "production");
const gzipAsync = promisify(gzip);
/**
 * zlib's level 4 rather than its default 6 (Next's): the lesson pages compress nearly as well,
 * for less CPU per answer (README "Performance").
 */
const GZIP_LEVEL = 4;
/** Next's own threshold for compressing an answer. */
const COMPRESS_FROM_BYTES = 1024;

const served = globalThis as { __binomioDirectServed?: number };

/** How many requests the direct routes answered (the benchmark's stats). */
export function directRoutesServed(): number {
  return served.__binomioDirectServed ?? 0;
}

/**
 * Answers the request when it is one of the direct routes (true), or leaves it untouched for
 * Next (false).
 */
export async function handleDirect(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const pathname = q < 0 ? url : url.slice(0, q);
  const method = req.method ?? "GET";
  let handler: ((req: NextRequest, segments: string[]) => Promise<Response>) | null = null;
  for (const route of ROUTES) if ((handler = route.match(method, pathname))) break;
  if (!handler) return false;
  let request: NextRequest;
  try {
    // Like Next's params: the front door has already refused a path that does not decode.
    const segments = pathname.split("/").slice(1).map(decodeURIComponent);
    request = await toRequest(req, url, method);
    const response = await handler(request, segments);
    await send(req, res, response, method);
  } catch (e) {
    // A body cut off at its limit is answered by the front door (413).
    if ((req as { overLimit?: boolean }).overLimit) return true;
    console.error(`Failed to handle ${method} ${pathname}:`, e);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.end("Internal Server Error");
    }
  }
  served.__binomioDirectServed = directRoutesServed() + 1;
  return true;
}

async function toRequest(req: IncomingMessage, url: string, method: string): Promise<NextRequest> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  // Only the path and query are used (redirects are relative); the host the client named is kept for the origin check.
  const base = `http://${headers.get("host") ?? "127.0.0.1"}`;
  const body = method === "GET" || method === "HEAD" ? undefined : new Uint8Array(await readBody(req));
  return new NextRequest(new URL(url, base), { method, headers, body });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

async function send(req: IncomingMessage, res: ServerResponse, response: Response, method: string): Promise<void> {
  for (const h of SECURITY_HEADERS) res.setHeader(h.key, h.value);
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  res.statusCode = response.status;
  let body: Buffer = Buffer.from(await response.arrayBuffer());
  const html = (response.headers.get("content-type") ?? "").startsWith("text/html");
  if (html && body.length >= COMPRESS_FROM_BYTES && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
    // On libuv's thread pool: the other core compresses while this thread answers the next request.
    body = await gzipAsync(body, { level: GZIP_LEVEL });
    res.setHeader("content-encoding", "gzip");
    const vary = res.getHeader("vary");
    res.setHeader("vary", vary ? `${String(vary)}, Accept-Encoding` : "Accept-Encoding");
  }
  if (response.status !== 304 && response.status !== 204) res.setHeader("content-length", body.length);
  res.end(method === "HEAD" || response.status === 304 ? undefined : body);
}

/** Puts the direct routes in front of Next (scripts/serve.mjs looks for them on globalThis). */
export function installDirectRoutes(): void {
  (globalThis as { __binomioDirectRoutes?: typeof handleDirect }).__binomioDirectRoutes = handleDirect;
}

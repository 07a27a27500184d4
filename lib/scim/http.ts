import "server-only";
import { db } from "@/db/client";
import { siteOrigin } from "@/lib/account/tokens";
import { clientIp } from "@/lib/auth/client-ip";
import { readJson } from "@/lib/http";
import { ScimError } from "./errors";
import { authenticateScim } from "./token";
import type { ScimContext } from "./users";

/** The media type of every SCIM answer (RFC 7644 §3.1). */
export const SCIM_CONTENT_TYPE = "application/scim+json; charset=utf-8";
/** A SCIM body's limit; the front door's general 128 KiB applies first (lib/runtime/front-door.mjs). */
const BODY_LIMIT = 128 * 1024;

export function scimJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": SCIM_CONTENT_TYPE, "Cache-Control": "no-store", ...headers } });
}

function errorResponse(e: ScimError, headers: Record<string, string> = {}): Response {
  return scimJson(e.body(), e.status, headers);
}

/** The base URL resources' `meta.location` is built on: the site's public origin + `/scim/v2`. */
export function scimBase(): string {
  return `${siteOrigin()}/scim/v2`;
}

/**
 * A SCIM route handler: authorize (the bearer token alone names the company; cookies authorize
 * nothing here) → the handler parses with zod and calls lib/scim → the answer, or the
 * ScimError it threw as an RFC 7644 §3.12 error. Anything unexpected is a 500 in the same shape,
 * logged without the request's body.
 */
export function scimRoute<P = Record<string, string>>(handler: (req: Request, ctx: ScimContext, params: P) => Response | Promise<Response>) {
  return async (req: Request, segment: { params: Promise<P> }): Promise<Response> => {
    const d = db();
    const auth = await authenticateScim(d, req.headers.get("authorization"), clientIp(req.headers));
    if (!auth.ok) {
      return auth.status === 429
        ? errorResponse(new ScimError(429, "Too many requests with a wrong token: wait a minute."), { "Retry-After": "60" })
        : errorResponse(new ScimError(401, "A valid bearer token is required (Authorization: Bearer <the company's SCIM token>)."), { "WWW-Authenticate": 'Bearer realm="scim"' });
    }
    try {
      return await handler(req, { d, companyId: auth.companyId, base: scimBase() }, await segment.params);
    } catch (e) {
      if (e instanceof ScimError) return errorResponse(e);
      console.error(`[scim] ${req.method} ${new URL(req.url).pathname}:`, e);
      return errorResponse(new ScimError(500, "The request could not be completed."));
    }
  };
}

/** The JSON body (`application/scim+json` or `application/json`), or a ScimError: 415, 413, 400 `invalidSyntax`. */
export async function readScimBody(req: Request): Promise<unknown> {
  const r = await readJson(req, BODY_LIMIT);
  if (r.ok) return r.value;
  const status = r.response.status;
  if (status === 415) throw new ScimError(415, "Send the body as application/scim+json.");
  if (status === 413) throw new ScimError(413, `The body must be at most ${BODY_LIMIT} bytes.`);
  throw new ScimError(400, "The body is not valid JSON.", "invalidSyntax");
}

/** `startIndex` (1-based, default 1) and `count` (default and cap in lib/scim/schemas.ts; 0 answers only the total). */
export function pageOf(url: URL, defaultSize: number, maxSize: number): { startIndex: number; count: number } {
  const int = (v: string | null) => (v !== null && /^-?\d{1,9}$/.test(v.trim()) ? Number(v) : null);
  const start = int(url.searchParams.get("startIndex"));
  const count = int(url.searchParams.get("count"));
  return { startIndex: Math.max(1, start ?? 1), count: Math.min(maxSize, Math.max(0, count ?? defaultSize)) };
}

/** Whether `excludedAttributes` (comma-separated, RFC 7644 §3.4.2.5) names the attribute. */
export function excludes(url: URL, attribute: string): boolean {
  return (url.searchParams.get("excludedAttributes") ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .includes(attribute.toLowerCase());
}

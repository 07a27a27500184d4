import { NextResponse } from "next/server";
import type { z } from "zod";

/** 4xx JSON with a readable message and, for validation, the failing fields. */
export function badRequest(error: z.ZodError, status = 422): NextResponse {
  return NextResponse.json(
    {
      error: "invalid_input",
      message: error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "),
      issues: error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    },
    { status },
  );
}

/** `application/json`, or a `+json` type, with any parameters. */
const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/**
 * Reads a JSON body of at most `maxBytes` (every POST has a limit), answering 413 beyond it (checked on the declared
 * length first, then on the bytes actually read, so a lying Content-Length does not help),
 * 415 when it is not declared as JSON — a page on another origin can send `text/plain` or a
 * form without asking first, but never `application/json` — and 400 to malformed JSON, never a 500.
 */
export async function readJson(
  req: Request,
  maxBytes = 16 * 1024,
): Promise<{ ok: true; value: unknown } | { ok: false; response: NextResponse }> {
  const tooLarge = () => ({
    ok: false as const,
    response: NextResponse.json({ error: "payload_too_large", message: `The body must be at most ${maxBytes} bytes.` }, { status: 413 }),
  });
  if (!JSON_TYPE.test(req.headers.get("content-type") ?? "")) {
    return {
      ok: false,
      response: NextResponse.json({ error: "unsupported_media_type", message: "Send the body as application/json." }, { status: 415 }),
    };
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return tooLarge();
  const reader = req.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return tooLarge();
      }
      chunks.push(value);
    }
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString("utf8")) };
  } catch {
    return { ok: false, response: NextResponse.json({ error: "invalid_json", message: "The body is not valid JSON." }, { status: 400 }) };
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses a state-changing request that a browser sent from another origin (403), the check
 * Next makes for server actions: `Origin` must name this host. A browser always sends `Origin`
 * on such a request, and `Sec-Fetch-Site` too; a request with neither comes from a script,
 * which carries no victim's cookies. Another port of the same host is another origin.
 * @returns null when the request may go on
 */
export function crossOriginRefusal(req: Request): NextResponse | null {
  if (SAFE_METHODS.has(req.method)) return null;
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  let sameOrigin: boolean;
  if (origin !== null) {
    try {
      sameOrigin = origin !== "null" && new URL(origin).host === host;
    } catch {
      sameOrigin = false;
    }
  } else {
    const site = req.headers.get("sec-fetch-site");
    sameOrigin = site === null || site === "same-origin" || site === "none";
  }
  return sameOrigin ? null : NextResponse.json({ error: "cross_origin", message: "Requests from another site are refused." }, { status: 403 });
}

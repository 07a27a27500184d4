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

/**
 * Reads a JSON body of at most `maxBytes` (every POST has a limit), answering 413 beyond it (checked on the declared
 * length first, then on the bytes actually read, so a lying Content-Length does not help)
 * and 400 to malformed JSON, never a 500.
 */
export async function readJson(
  req: Request,
  maxBytes = 16 * 1024,
): Promise<{ ok: true; value: unknown } | { ok: false; response: NextResponse }> {
  const tooLarge = () => ({
    ok: false as const,
    response: NextResponse.json({ error: "payload_too_large", message: `The body must be at most ${maxBytes} bytes.` }, { status: 413 }),
  });
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

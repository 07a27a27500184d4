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

/** Reads a JSON body, answering malformed JSON with 400 rather than a 500. */
export async function readJson(req: Request): Promise<{ ok: true; value: unknown } | { ok: false; response: NextResponse }> {
  try {
    return { ok: true, value: await req.json() };
  } catch {
    return { ok: false, response: NextResponse.json({ error: "invalid_json", message: "The body is not valid JSON." }, { status: 400 }) };
  }
}

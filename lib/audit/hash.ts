/**
 * The hashing rule of the audit chain, pure so it can be tested and re-implemented by an
 * auditor: `hash = sha256(prevHash + "\n" + canonicalJson(fields))`, hex-encoded.
 */
import { createHash } from "node:crypto";

/** `prev_hash` of the first event. */
export const GENESIS_HASH = "0".repeat(64);

/**
 * JSON with object keys sorted (by UTF-16 code units) at every depth and no whitespace, so
 * the same value always gives the same text. Follows `JSON.stringify` otherwise: `toJSON` is
 * honoured (dates become ISO strings), `undefined`/functions/symbols are dropped from
 * objects and become `null` in arrays, non-finite numbers become `null`.
 *
 * @throws TypeError on a BigInt or a circular structure
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set()) ?? "null";
}

function write(value: unknown, seen: Set<object>): string | undefined {
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return JSON.stringify(value);
    case "bigint":
      throw new TypeError("canonicalJson: BigInt is not JSON");
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
  }
  if (value === null) return "null";
  const obj = value as object;
  if (seen.has(obj)) throw new TypeError("canonicalJson: circular structure");
  seen.add(obj);
  let out: string;
  if (Array.isArray(obj)) {
    out = `[${obj.map((v) => write(v, seen) ?? "null").join(",")}]`;
  } else {
    const rec = obj as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(rec).sort()) {
      const v = write(rec[key], seen);
      if (v !== undefined) parts.push(`${JSON.stringify(key)}:${v}`);
    }
    out = `{${parts.join(",")}}`;
  }
  seen.delete(obj);
  return out;
}

/** The fields an event's hash covers; `at` in Unix seconds, `data` as parsed JSON. */
export type AuditHashFields = {
  id: number;
  at: number;
  type: string;
  actorUserId: number | null;
  sessionId: string | null;
  subject: string | null;
  data: unknown;
};

/** sha256 (hex) of `prevHash + "\n" + canonicalJson(fields)`. */
export function auditEventHash(prevHash: string, fields: AuditHashFields): string {
  return createHash("sha256").update(`${prevHash}\n${canonicalJson(fields)}`).digest("hex");
}

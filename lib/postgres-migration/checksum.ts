import crypto from "node:crypto";

/**
 * One row as the same text whichever engine it was read from, so a checksum over rows is
 * comparable across them: values in column order, each tagged with its kind. Both engines read
 * integers (booleans as 1/0) and reals as JS numbers and blobs as Buffers (db/engine/types.ts),
 * so one function serves both sides and any conversion the copy made must round-trip through it.
 */
export function canonicalRow(values: readonly unknown[]): string {
  return JSON.stringify(values.map(canonicalValue));
}

function canonicalValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "bigint") return `n:${String(v)}`;
  if (typeof v === "boolean") return v ? "n:1" : "n:0";
  if (typeof v === "string") return `s:${v}`;
  if (Buffer.isBuffer(v)) return `x:${v.toString("hex")}`;
  throw new TypeError(`no canonical form for a ${typeof v}`);
}

/** SHA-256 over a table's canonical rows, each followed by a newline, in primary-key order. */
export class TableChecksum {
  private readonly hash = crypto.createHash("sha256");
  rows = 0;

  add(line: string): void {
    this.hash.update(line);
    this.hash.update("\n");
    this.rows++;
  }

  digest(): string {
    return this.hash.digest("hex");
  }
}

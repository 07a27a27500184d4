import type { SqlValue } from "@/db/engine/types";
import type { ColumnKind } from "./plan";

export class ConversionError extends Error {}

/**
 * A value read from SQLite as its PostgreSQL column takes it. SQLite stores whatever it is given
 * (an INTEGER column may hold text); PostgreSQL would refuse it with a less helpful message, or
 * worse accept it changed, so anything but the column's own kind is refused here, by name.
 * Booleans go as `true`/`false` (from SQLite's 1/0), blobs as Buffers (bytea), the rest as is.
 * @throws ConversionError naming the column and the value's kind
 */
export function toPgValue(kind: ColumnKind, value: unknown, where: () => string): SqlValue {
  if (value === null || value === undefined) return null;
  const refuse = (what: string): never => {
    throw new ConversionError(`${where()}: ${what} cannot go into a PostgreSQL ${kind} column`);
  };
  switch (kind) {
    case "integer":
      if (typeof value === "number" && Number.isInteger(value)) return value;
      return refuse(describe(value));
    case "real":
      if (typeof value === "number") return value;
      return refuse(describe(value));
    case "boolean":
      if (value === 1) return "true";
      if (value === 0) return "false";
      return refuse(describe(value));
    case "text":
      if (typeof value === "string") return value;
      return refuse(describe(value));
    case "bytea":
      if (Buffer.isBuffer(value)) return value;
      return refuse(describe(value));
  }
}

function describe(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? `the integer ${value}` : `the real number ${value}`;
  if (typeof value === "string") return `a text of ${value.length} characters`;
  if (Buffer.isBuffer(value)) return `a blob of ${value.length} bytes`;
  return `a ${typeof value}`;
}

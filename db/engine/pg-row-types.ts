import pg from "pg";
import { parseInt8 } from "../pg/open";

/**
 * How PostgreSQL values become JS values in raw rows, so they look as SQLite returns them
 * (db/engine/types.ts): int8 (ids, Unix seconds, count(*)) and numeric (sum(…)) as numbers,
 * booleans as 1 or 0. A number beyond 2^53 would silently lose digits: it throws instead.
 */
const INT8 = 20;
const NUMERIC = 1700;
const BOOL = 16;

function finiteNumber(text: string): number {
  const n = Number(text);
  if (!Number.isFinite(n)) throw new RangeError(`PostgreSQL numeric ${text} is not a finite JS number`);
  return n;
}

const parsers: Record<number, (text: string) => unknown> = {
  [INT8]: parseInt8,
  [NUMERIC]: finiteNumber,
  [BOOL]: (text) => (text === "t" ? 1 : 0),
};

export const pgRowTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    (format ?? "text") === "text" && parsers[oid] ? parsers[oid] : pg.types.getTypeParser(oid, format ?? "text")) as pg.CustomTypesConfig["getTypeParser"],
};

import type { Dialect } from "@/db/engine/types";
import { quoteIdent } from "@/db/pg/copy-target";
import type { TablePlan } from "./plan";

/**
 * The one query that reads a table on either side: its columns in the plan's order, rows in
 * primary-key order. Text keys compare byte by byte on both (SQLite's BINARY, PostgreSQL's "C"),
 * whatever collation the PostgreSQL database defaults to, so both sides list rows alike.
 */
export function selectInKeyOrder(table: TablePlan, dialect: Dialect): string {
  const columns = table.columns.map((c) => quoteIdent(c.name)).join(", ");
  const order = table.primaryKey
    .map((name) => {
      const text = table.columns.find((c) => c.name === name)?.kind === "text";
      return text ? `${quoteIdent(name)} COLLATE ${dialect === "sqlite" ? "BINARY" : '"C"'}` : quoteIdent(name);
    })
    .join(", ");
  const from = dialect === "sqlite" ? quoteIdent(table.name) : `public.${quoteIdent(table.name)}`;
  return `SELECT ${columns} FROM ${from} ORDER BY ${order}`;
}

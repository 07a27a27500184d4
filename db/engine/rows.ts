import { getTableColumns, getTableName, type InferInsertModel, type InferSelectModel } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Queryable, SqlValue } from "./types";

/**
 * Rows of a schema table (db/schema.ts) through the engine, typed and converted as drizzle
 * would: snake_case columns become the schema's keys, Unix seconds become Dates, 0/1 become
 * booleans. Both engines return those raw values alike (db/engine/types.ts), so the SQLite
 * schema's own column mappers serve PostgreSQL too.
 */
export function fromRow<T extends SQLiteTable>(table: T, raw: Record<string, unknown>): InferSelectModel<T> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = raw[column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as InferSelectModel<T>;
}

/**
 * Inserts one row and returns it as stored (defaults included). Keys left undefined take the
 * column's database default.
 */
export async function insertRow<T extends SQLiteTable>(q: Queryable, table: T, values: InferInsertModel<T>): Promise<InferSelectModel<T>> {
  const names: string[] = [];
  const params: SqlValue[] = [];
  const given = values as Record<string, unknown>;
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    if (given[key] === undefined) continue;
    names.push(`"${column.name}"`);
    params.push(given[key] === null ? null : (column.mapToDriverValue(given[key]) as SqlValue));
  }
  const columns = names.length ? `(${names.join(", ")}) VALUES (${names.map(() => "?").join(", ")})` : "DEFAULT VALUES";
  const row = await q.get<Record<string, unknown>>(`INSERT INTO "${getTableName(table)}" ${columns} RETURNING *`, params);
  return fromRow(table, row!);
}

/** `SELECT *` rows of `table` matching raw SQL conditions, converted. */
export async function selectRows<T extends SQLiteTable>(q: Queryable, table: T, where: string, params: readonly SqlValue[] = []): Promise<InferSelectModel<T>[]> {
  const rows = await q.all<Record<string, unknown>>(`SELECT * FROM "${getTableName(table)}" WHERE ${where}`, params);
  return rows.map((r) => fromRow(table, r));
}

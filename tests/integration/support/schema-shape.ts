import type Database from "better-sqlite3";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import type pg from "pg";
import * as sqliteSchema from "@/db/schema";

/**
 * What the two schemas must agree on, in words both dialects share: type classes per the
 * conventions of db/pg/schema.ts (a SQLite INTEGER is an `integer` unless drizzle maps it to a
 * boolean; PostgreSQL's bigint is an `integer`, its int4 is not), defaults with their casts and
 * spelling normalised.
 */
export type Column = { type: string; notNull: boolean; default: string | null; autoIncrement: boolean };
export type Table = { columns: Record<string, Column>; primaryKey: string; foreignKeys: string[] };
export type Index = { table: string; columns: string; unique: boolean; partial: boolean };
export type Shape = { tables: Record<string, Table>; indexes: Record<string, Index>; views: Record<string, string> };

function normaliseDefault(value: string | null, type: string): string | null {
  if (value === null) return null;
  let v = value.trim();
  if (/unixepoch\(\)|epoch from now\(\)/i.test(v)) return "now (unix seconds)";
  v = v.replace(/^\((.*)\)$/, "$1").replace(/::[a-z ]+$/i, "");
  if (type === "boolean") v = { "1": "true", "0": "false" }[v] ?? v;
  return v;
}

/** Which SQLite INTEGER columns drizzle reads as booleans: SQLite itself cannot say. */
function sqliteBooleans(): Set<string> {
  const out = new Set<string>();
  for (const table of Object.values(sqliteSchema)) {
    if (!(table instanceof SQLiteTable)) continue;
    const config = getTableConfig(table);
    for (const column of config.columns) if (column.dataType === "boolean") out.add(`${config.name}.${column.name}`);
  }
  return out;
}

const SQLITE_TYPES: Record<string, string> = { integer: "integer", text: "text", real: "float", blob: "binary" };
const PG_TYPES: Record<string, string> = { bigint: "integer", boolean: "boolean", text: "text", "double precision": "float", bytea: "binary" };

export function sqliteShape(sqlite: Database.Database): Shape {
  const booleans = sqliteBooleans();
  const shape: Shape = { tables: {}, indexes: {}, views: {} };
  const objects = sqlite
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'")
    .all() as { type: string; name: string; tbl_name: string; sql: string | null }[];
  for (const o of objects.filter((x) => x.type === "table")) {
    const info = sqlite.prepare(`PRAGMA table_info("${o.name}")`).all() as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[];
    const columns: Record<string, Column> = {};
    for (const c of info) {
      const declared = c.type.toLowerCase();
      const type = declared === "integer" && booleans.has(`${o.name}.${c.name}`) ? "boolean" : (SQLITE_TYPES[declared] ?? `sqlite ${declared}`);
      const autoIncrement = c.pk > 0 && /AUTOINCREMENT/i.test(o.sql ?? "");
      // SQLite lets a primary key column be NULL unless declared otherwise; PostgreSQL never does, and neither does drizzle.
      columns[c.name] = { type, notNull: c.notnull === 1 || c.pk > 0, default: normaliseDefault(c.dflt_value, type), autoIncrement };
    }
    const primaryKey = info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name)
      .join(", ");
    const fks = sqlite.prepare(`PRAGMA foreign_key_list("${o.name}")`).all() as { id: number; seq: number; table: string; from: string; to: string | null }[];
    const byId = new Map<number, typeof fks>();
    for (const fk of fks) byId.set(fk.id, [...(byId.get(fk.id) ?? []), fk]);
    const foreignKeys = [...byId.values()].map((parts) => {
      parts.sort((a, b) => a.seq - b.seq);
      return `(${parts.map((p) => p.from).join(", ")}) -> ${parts[0]?.table}(${parts.map((p) => p.to ?? "<its primary key>").join(", ")})`;
    });
    shape.tables[o.name] = { columns, primaryKey, foreignKeys: foreignKeys.sort() };
  }
  for (const o of objects.filter((x) => x.type === "index")) {
    const cols = sqlite.prepare(`PRAGMA index_info("${o.name}")`).all() as { seqno: number; name: string | null }[];
    shape.indexes[o.name] = {
      table: o.tbl_name,
      columns: cols
        .sort((a, b) => a.seqno - b.seqno)
        .map((c) => c.name ?? "<expression>")
        .join(", "),
      unique: /^CREATE UNIQUE/i.test(o.sql ?? ""),
      partial: /\bWHERE\b/i.test(o.sql ?? ""),
    };
  }
  for (const o of objects.filter((x) => x.type === "view")) {
    shape.views[o.name] = (sqlite.prepare(`PRAGMA table_info("${o.name}")`).all() as { name: string }[]).map((c) => c.name).join(", ");
  }
  return shape;
}

export async function pgShape(pool: pg.Pool): Promise<Shape> {
  const shape: Shape = { tables: {}, indexes: {}, views: {} };
  const columns = await pool.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null; is_identity: string }>(
    `SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default, c.is_identity
       FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY c.ordinal_position`,
  );
  for (const c of columns.rows) {
    const table = (shape.tables[c.table_name] ??= { columns: {}, primaryKey: "", foreignKeys: [] });
    const type = PG_TYPES[c.data_type] ?? `postgres ${c.data_type}`;
    table.columns[c.column_name] = { type, notNull: c.is_nullable === "NO", default: normaliseDefault(c.column_default, type), autoIncrement: c.is_identity === "YES" };
  }
  const keys = await pool.query<{ table_name: string; kind: string; name: string; cols: string[]; ref_table: string | null; ref_cols: string[] | null }>(
    `SELECT rel.relname AS table_name, con.contype AS kind, con.conname AS name,
            ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS cols,
            ref.relname AS ref_table,
            ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS ref_cols
       FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace ns ON ns.oid = rel.relnamespace
       LEFT JOIN pg_class ref ON ref.oid = con.confrelid
      WHERE ns.nspname = 'public' AND con.contype IN ('p', 'f')`,
  );
  for (const k of keys.rows) {
    const table = shape.tables[k.table_name];
    if (!table) continue;
    if (k.kind === "p") table.primaryKey = k.cols.join(", ");
    else table.foreignKeys.push(`(${k.cols.join(", ")}) -> ${k.ref_table}(${(k.ref_cols ?? []).join(", ")})`);
  }
  for (const t of Object.values(shape.tables)) t.foreignKeys.sort();
  const indexes = await pool.query<{ name: string; table_name: string; cols: (string | null)[]; unique: boolean; partial: boolean }>(
    `SELECT ic.relname AS name, tc.relname AS table_name, i.indisunique AS unique, i.indpred IS NOT NULL AS partial,
            ARRAY(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(n, o) LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS cols
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid JOIN pg_namespace ns ON ns.oid = tc.relnamespace
      WHERE ns.nspname = 'public' AND NOT i.indisprimary`,
  );
  for (const i of indexes.rows) {
    shape.indexes[i.name] = { table: i.table_name, columns: i.cols.map((c) => c ?? "<expression>").join(", "), unique: i.unique, partial: i.partial };
  }
  const views = await pool.query<{ table_name: string; cols: string[] }>(
    `SELECT c.table_name, array_agg(c.column_name::text ORDER BY c.ordinal_position) AS cols
       FROM information_schema.columns c JOIN information_schema.views v USING (table_schema, table_name)
      WHERE c.table_schema = 'public' GROUP BY c.table_name`,
  );
  for (const v of views.rows) shape.views[v.table_name] = v.cols.join(", ");
  // PostgreSQL's counterpart of SQLite's sqlite_sequence (left out on that side too): the audit
  // chain's high-water mark, db/migrations-pg/0002_audit_chain_head.sql.
  for (const table of PG_ONLY_TABLES) delete shape.tables[table];
  return shape;
}

const PG_ONLY_TABLES = ["audit_chain_head"];

function describeColumn(c: Column): string {
  return `${c.type}${c.notNull ? " NOT NULL" : " NULL"}${c.default === null ? "" : ` DEFAULT ${c.default}`}${c.autoIncrement ? " auto-increment" : ""}`;
}

function describeIndex(i: Index): string {
  return `${i.unique ? "UNIQUE " : ""}${i.table}(${i.columns})${i.partial ? " partial" : ""}`;
}

/** Every difference, one line each, saying what SQLite has and what PostgreSQL has. */
export function diffShapes(sqlite: Shape, postgres: Shape): string[] {
  const out: string[] = [];
  const compare = <T>(what: string, a: Record<string, T>, b: Record<string, T>, describe: (x: T) => string, nested?: (name: string, x: T, y: T) => void) => {
    for (const name of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const [x, y] = [a[name], b[name]];
      if (y === undefined) out.push(`${what} ${name}: only in SQLite (${describe(x as T)})`);
      else if (x === undefined) out.push(`${what} ${name}: only in PostgreSQL (${describe(y)})`);
      else if (nested) nested(name, x, y);
      else if (describe(x) !== describe(y)) out.push(`${what} ${name}: SQLite ${describe(x)}, PostgreSQL ${describe(y)}`);
    }
  };
  compare("table", sqlite.tables, postgres.tables, (t) => `${Object.keys(t.columns).length} columns`, (name, a, b) => {
    compare("column", prefixed(name, a.columns), prefixed(name, b.columns), describeColumn);
    if (a.primaryKey !== b.primaryKey) out.push(`primary key of ${name}: SQLite (${a.primaryKey}), PostgreSQL (${b.primaryKey})`);
    for (const fk of a.foreignKeys) if (!b.foreignKeys.includes(fk)) out.push(`foreign key ${name}${fk}: only in SQLite`);
    for (const fk of b.foreignKeys) if (!a.foreignKeys.includes(fk)) out.push(`foreign key ${name}${fk}: only in PostgreSQL`);
  });
  compare("index", sqlite.indexes, postgres.indexes, describeIndex);
  compare("view", sqlite.views, postgres.views, (columns) => `columns ${columns}`);
  return out;
}

function prefixed<T>(table: string, record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [`${table}.${k}`, v]));
}

import type { Queryable, SqlValue } from "../engine/types";

/**
 * PostgreSQL statements of the copy into a new database (db:migrate-to-postgres): what is in it,
 * multi-row inserts, cursors, identity sequences. Table and column names come from the schema,
 * never from input; they are quoted all the same.
 */

/** What db/migrations-pg creates besides the tables of db/pg/schema.ts (a test keeps this list true). */
export const PG_ONLY_RELATIONS = ["audit_chain_head", "department_ancestors", "effective_enrolments"] as const;

/** drizzle's bookkeeping table on PostgreSQL, schema-qualified. */
export const PG_MIGRATIONS_TABLE = "drizzle.__drizzle_migrations";

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every table, view and foreign table outside PostgreSQL's own schemas, as `schema.name`. */
export async function userRelations(q: Queryable): Promise<string[]> {
  const rows = await q.all<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
      ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

/** The newest applied migration's timestamp (drizzle's `created_at`), or null when none is. */
export async function pgMigrationLevel(q: Queryable): Promise<number | null> {
  const exists = await q.get<{ t: string | null }>("SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t");
  if (!exists?.t) return null;
  const r = await q.get<{ last: number | string | null }>(`SELECT max(created_at) AS last FROM ${PG_MIGRATIONS_TABLE}`);
  return r?.last === null || r?.last === undefined ? null : Number(r.last);
}

/** Which of `tables` (in the public schema) hold at least one row. */
export async function tablesWithRows(q: Queryable, tables: readonly string[]): Promise<string[]> {
  if (!tables.length) return [];
  const sql = tables.map((t, i) => `SELECT ${i} AS i WHERE EXISTS (SELECT 1 FROM public.${quoteIdent(t)})`).join(" UNION ALL ");
  const rows = await q.all<{ i: number }>(sql);
  return rows.map((r) => tables[r.i]!);
}

/** The audit chain's high-water mark (0 in a new database), or null when the table is not there yet. */
export async function auditChainHead(q: Queryable): Promise<number | null> {
  const exists = await q.get<{ t: string | null }>("SELECT to_regclass('public.audit_chain_head')::text AS t");
  if (!exists?.t) return null;
  return (await q.get<{ n: number }>("SELECT last_id AS n FROM audit_chain_head"))?.n ?? 0;
}

/** Sets the audit chain's high-water mark to exactly `lastId` (its trigger refuses to lower it). */
export async function setAuditChainHead(q: Queryable, lastId: number): Promise<void> {
  await q.run("UPDATE audit_chain_head SET last_id = ?", [lastId]);
}

/**
 * Keeps writers out until the transaction ends (readers may still read): EXCLUSIVE blocks every
 * lock but ACCESS SHARE.
 */
export async function lockTablesForCopy(q: Queryable, tables: readonly string[]): Promise<void> {
  await q.run(`LOCK TABLE ${tables.map((t) => `public.${quoteIdent(t)}`).join(", ")} IN EXCLUSIVE MODE`);
}

/** One multi-row INSERT of `rows` (values in `columns` order); PostgreSQL coerces each value to its column's type. */
export async function insertRows(q: Queryable, table: string, columns: readonly string[], rows: readonly SqlValue[][]): Promise<void> {
  if (!rows.length) return;
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  const sql = `INSERT INTO public.${quoteIdent(table)} (${columns.map(quoteIdent).join(", ")}) VALUES ${rows.map(() => tuple).join(", ")}`;
  await q.run(sql, rows.flat());
}

/** Sets `column` from `pairs` of [key, value] on the rows whose single-column `key` matches (both bigint). */
export async function updateBigintColumn(q: Queryable, table: string, key: string, column: string, pairs: readonly [number, number][]): Promise<void> {
  if (!pairs.length) return;
  const values = pairs.map(() => "(?::bigint, ?::bigint)").join(", ");
  await q.run(
    `UPDATE public.${quoteIdent(table)} AS t SET ${quoteIdent(column)} = v.c FROM (VALUES ${values}) AS v(k, c) WHERE t.${quoteIdent(key)} = v.k`,
    pairs.flat(),
  );
}

/**
 * Moves the identity sequence behind `table.column` past the column's highest value and past
 * `atLeast`, so the next generated value collides with nothing (1 on an empty table).
 */
export async function resetIdentity(q: Queryable, table: string, column: string, atLeast: number): Promise<number> {
  const t = `public.${quoteIdent(table)}`;
  const last = `greatest(coalesce((SELECT max(${quoteIdent(column)}) FROM ${t}), 0), @atLeast::bigint)`;
  const r = await q.get<{ next: number }>(
    `SELECT setval(pg_get_serial_sequence(@table, @column), greatest(${last}, 1), ${last} > 0) AS next`,
    { table: t, column, atLeast },
  );
  return r!.next;
}

/**
 * Streams `select` through a cursor (the caller's transaction holds it), `size` rows at a time,
 * values in column order.
 */
export async function* cursorBatches(q: Queryable, name: string, select: string, size: number): AsyncGenerator<unknown[][]> {
  const cursor = quoteIdent(name);
  await q.run(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${select}`);
  let failed = false;
  try {
    for (;;) {
      const rows = await q.all<Record<string, unknown>>(`FETCH FORWARD ${Math.floor(size)} FROM ${cursor}`);
      if (rows.length) yield rows.map((r) => Object.values(r));
      if (rows.length < size) break;
    }
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    // After a failed statement the transaction only accepts ROLLBACK, which closes the cursor.
    if (!failed) await q.run(`CLOSE ${cursor}`);
  }
}

import type Database from "better-sqlite3";
import type pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { openPostgres, type PgDatabase } from "@/db/pg/open";
import { createTestPgDatabase } from "../../support/pg-test-db";
import { tempDb } from "./temp-db";

/** A row as both engines take it: SQLite gets booleans as 0/1, PostgreSQL as booleans. */
export type Row = Record<string, string | number | boolean | null>;

const insertSql = (table: string, row: Row, placeholder: (i: number) => string) =>
  `INSERT INTO ${table} (${Object.keys(row).join(", ")}) VALUES (${Object.keys(row)
    .map((_, i) => placeholder(i))
    .join(", ")})`;

/**
 * For one test file: a migrated SQLite file and a migrated PostgreSQL database holding the same
 * rows (inserted in order), ready in `beforeAll`, removed in `afterAll`.
 */
export function seededOnBothEngines(seed: [string, Row][]): { sqlite: Database.Database; pool: pg.Pool } {
  const handle = {} as { sqlite: Database.Database; pool: pg.Pool };
  let sqlite: ReturnType<typeof tempDb> | undefined;
  let pgdb: PgDatabase | undefined;
  beforeAll(async () => {
    sqlite = tempDb();
    pgdb = await openPostgres(await createTestPgDatabase());
    handle.sqlite = sqlite.sqlite;
    handle.pool = pgdb.pool;
    for (const [table, row] of seed) {
      sqlite.sqlite.prepare(insertSql(table, row, () => "?")).run(...Object.values(row).map((v) => (typeof v === "boolean" ? Number(v) : v)));
      await pgdb.pool.query(insertSql(table, row, (i) => `$${i + 1}`), Object.values(row));
    }
  }, 60_000);
  afterAll(async () => {
    void sqlite?.close();
    await pgdb?.close();
  });
  return handle;
}

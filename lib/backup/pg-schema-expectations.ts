import { readMigrationFiles } from "drizzle-orm/migrator";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import * as schema from "@/db/pg/schema";
import { PG_MIGRATIONS_FOLDER } from "@/db/pg/migrate";

/** What a restored Binomio database on PostgreSQL must hold, read from this code. */
export type PgExpectations = {
  /** Every table of db/pg/schema.ts. */
  tables: string[];
  /** Every foreign key of db/pg/schema.ts, as `table.constraint`. */
  foreignKeys: string[];
  /** The `when` of the newest migration in db/migrations-pg (drizzle stores it as `created_at`). */
  newestMigration: number;
};

/** Reads the expectations from db/pg/schema.ts and db/migrations-pg. */
export function pgExpectations(migrationsFolder = PG_MIGRATIONS_FOLDER): PgExpectations {
  const tables: string[] = [];
  const foreignKeys: string[] = [];
  for (const value of Object.values(schema)) {
    if (!(value instanceof PgTable)) continue;
    const config = getTableConfig(value);
    tables.push(config.name);
    for (const fk of config.foreignKeys) foreignKeys.push(`${config.name}.${fk.getName()}`);
  }
  const newestMigration = readMigrationFiles({ migrationsFolder }).at(-1)?.folderMillis ?? 0;
  return { tables: tables.sort(), foreignKeys: foreignKeys.sort(), newestMigration };
}

import { readMigrationFiles } from "drizzle-orm/migrator";
import { MIGRATIONS_FOLDER } from "@/db/migrate";
import { PG_MIGRATIONS_FOLDER } from "@/db/pg/migrate";
import type { Queryable } from "@/db/engine/types";
import { sqliteForeignKeyProblems, sqliteMigrationLevel, sqliteTables, type SqliteSnapshot } from "@/db/sqlite-snapshot";
import { auditChainHead, PG_MIGRATIONS_TABLE, PG_ONLY_RELATIONS, pgMigrationLevel, tablesWithRows, userRelations } from "@/db/pg/copy-target";
import { readServerLock } from "@/lib/runtime/server-lock";
import type { TablePlan } from "./plan";

/** Why a copy may not start; nothing has been written anywhere. */
export class Refusal extends Error {}

const latest = (folder: string) => readMigrationFiles({ migrationsFolder: folder }).at(-1)?.folderMillis ?? 0;

/**
 * A server still writing to the file would write after the snapshot: those writes (and audit
 * events, forking the chain) would be lost at the switch. As `db:restore` does, the server's
 * lock file decides.
 */
export function refuseRunningServer(file: string): void {
  const lock = readServerLock(file);
  if (lock?.alive) {
    const who = Number.isFinite(lock.pid) ? `a server (pid ${lock.pid}, started ${lock.startedAt})` : "a server";
    throw new Refusal(`${file} is in use by ${who}: stop it first (SIGTERM), then migrate; start the servers on PostgreSQL afterwards.`);
  }
}

/**
 * The source must be a Binomio database at exactly the migrations this code knows, hold no row
 * pointing to a missing row (PostgreSQL's foreign keys would refuse it), and have exactly the
 * tables and columns of the copy plan.
 */
export async function checkSource(source: SqliteSnapshot, plan: readonly TablePlan[], migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  const level = await sqliteMigrationLevel(source);
  if (!level || level.count === 0 || level.last === null) throw new Refusal(`${source.file} is not a Binomio database (no migrations recorded in __drizzle_migrations).`);
  const known = latest(migrationsFolder);
  if (level.last < known) {
    throw new Refusal(`${source.file} has pending migrations: run \`DATABASE_PATH=${source.file} npm run db:migrate\` first (with this version of Binomio), then migrate it to PostgreSQL.`);
  }
  if (level.last > known) throw new Refusal(`${source.file} was written by a newer version of Binomio (it has migrations this code does not know): migrate with that version.`);

  const tables = await sqliteTables(source);
  const planned = new Map(plan.map((t) => [t.name, t]));
  const unknown = tables.filter((t) => !planned.has(t.name)).map((t) => t.name);
  if (unknown.length) throw new Refusal(`${source.file} has tables Binomio does not define (${unknown.join(", ")}): the copy would leave them behind.`);
  for (const t of plan) {
    const found = tables.find((x) => x.name === t.name);
    const expected = t.columns.map((c) => c.name);
    if (!found) throw new Refusal(`${source.file} has no table ${t.name}.`);
    if (found.columns.slice().sort().join() !== expected.slice().sort().join()) {
      throw new Refusal(`${source.file}: table ${t.name} has columns (${found.columns.join(", ")}), PostgreSQL's has (${expected.join(", ")}).`);
    }
  }

  const dangling = await sqliteForeignKeyProblems(source);
  if (dangling.size) {
    const list = [...dangling].map(([t, n]) => `${t}: ${n}`).join(", ");
    throw new Refusal(`${source.file} has rows pointing to missing rows (PRAGMA foreign_key_check — ${list}); PostgreSQL would refuse them. Repair them first.`);
  }
}

/**
 * The target is empty: no relation but those db/migrations-pg creates (a database someone ran
 * Binomio against once, still without data, is accepted), no row in any of them, and no
 * migration newer than this code knows. Checked before anything is written to it, and again
 * under lock inside the copy's transaction (`refuseRows`).
 */
export async function checkTarget(target: Queryable, plan: readonly TablePlan[], migrationsFolder = PG_MIGRATIONS_FOLDER): Promise<void> {
  const ours = new Set([...plan.map((t) => `public.${t.name}`), ...PG_ONLY_RELATIONS.map((n) => `public.${n}`), PG_MIGRATIONS_TABLE]);
  const foreign = (await userRelations(target)).filter((r) => !ours.has(r));
  if (foreign.length) {
    const shown = foreign.slice(0, 5).join(", ") + (foreign.length > 5 ? `, and ${foreign.length - 5} more` : "");
    throw new Refusal(`the target database is not empty: it has tables Binomio does not create (${shown}). Migrate into a new, empty database (createdb).`);
  }
  const level = await pgMigrationLevel(target);
  if (level !== null && level > latest(migrationsFolder)) throw new Refusal("the target database was migrated by a newer version of Binomio: migrate with that version.");
  const present = new Set(await userRelations(target));
  await refuseRows(target, plan.filter((t) => present.has(`public.${t.name}`)));
}

export async function refuseRows(target: Queryable, plan: readonly TablePlan[]): Promise<void> {
  const full = await tablesWithRows(target, plan.map((t) => t.name));
  const head = await auditChainHead(target);
  if (full.length || (head ?? 0) > 0) {
    const what = full.length ? `rows in ${full.join(", ")}` : `an audit chain head at #${head}`;
    throw new Refusal(`the target database is not empty (${what}): db:migrate-to-postgres only copies into an empty database. Drop and recreate it (dropdb/createdb) if its data is not needed.`);
  }
}

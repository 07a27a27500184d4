import crypto from "node:crypto";
import pg from "pg";
import { openEngine } from "@/db/engine/open";
import type { Queryable } from "@/db/engine/types";
import { verifyAuditChain, type AuditChainResult } from "@/lib/audit/trail";
import { utcStamp } from "./names";
import { pgExpectations, type PgExpectations } from "./pg-schema-expectations";
import { libpqConnection, pgTool, runTool, toolError, withDatabase } from "./pg-tools";

/** Rows per table (db/pg/schema.ts tables), as counted in one snapshot. */
export type RowCounts = Record<string, number>;

export type PgArchiveCheck = {
  ok: boolean;
  /** Readable reasons the archive is not a usable Binomio database; empty when `ok`. */
  problems: string[];
  /** Set when the scratch database could not be created: the archive is unverified, not known bad. */
  scratchRefused?: true;
  audit: AuditChainResult | null;
  /** Rows in `drizzle.__drizzle_migrations`, or null when the table is missing. */
  migrations: number | null;
  /** Foreign keys found validated in the restored copy. */
  foreignKeys: number;
  /** Whether the restored rows were compared with counts taken in the dump's own snapshot. */
  rowCountsCompared: boolean;
  /** Things that do not make the archive bad (a scratch database that could not be dropped). */
  warnings: string[];
};

const PERMISSION_DENIED = "42501";

/** `binomio_verify_<UTC timestamp>_<random>`: unique, and recognisable if a killed run left it behind. */
export function scratchDatabaseName(now = new Date()): string {
  return `binomio_verify_${utcStamp(now).replace("-", "")}_${crypto.randomBytes(4).toString("hex")}`;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function onServer<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Counts the rows of every schema table, in the caller's snapshot. */
export async function countRows(q: { query(sql: string): Promise<{ rows: { n: string | number }[] }> }, tables: string[]): Promise<RowCounts> {
  const out: RowCounts = {};
  for (const t of tables) out[t] = Number((await q.query(`SELECT count(*) AS n FROM public.${quoteIdent(t)}`)).rows[0]!.n);
  return out;
}

/** The checks on a restored copy; each finding is pushed onto `check.problems`. @returns the tables present */
async function inspect(tx: Queryable, expect: PgExpectations, expectedRows: RowCounts | undefined, check: PgArchiveCheck): Promise<Set<string>> {
  const problems = check.problems;
  const migrationsTable = await tx.get<{ t: string | null }>("SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t");
  if (!migrationsTable?.t) problems.push("no drizzle.__drizzle_migrations table: not a Binomio database");
  else {
    const m = (await tx.get<{ n: number; last: string | null }>(`SELECT count(*)::int AS n, max(created_at)::text AS last FROM drizzle.__drizzle_migrations`))!;
    check.migrations = m.n;
    if (m.n === 0) problems.push("drizzle.__drizzle_migrations is empty: not a Binomio database");
    else if (Number(m.last) > expect.newestMigration) problems.push("it was written by a newer version of Binomio (it has migrations this code does not know)");
  }

  const present = new Set(
    (await tx.all<{ name: string }>("SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')")).map((r) => r.name),
  );
  const missingTables = expect.tables.filter((t) => !present.has(t));
  if (missingTables.length) problems.push(`missing table(s): ${missingTables.join(", ")}`);

  // pg_restore adds each foreign key after the data (ALTER TABLE … ADD CONSTRAINT), which checks
  // every row, and --exit-on-error stops at the first that fails; only a key dumped NOT VALID
  // skips that check, and pg_constraint.convalidated says so.
  const fks = await tx.all<{ key: string; valid: boolean }>(
    "SELECT c.conrelid::regclass::text || '.' || c.conname AS key, c.convalidated AS valid FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = 'public'",
  );
  const found = new Map(fks.map((f) => [f.key.replace(/"/g, ""), f.valid]));
  // A missing table's keys are not listed again: the missing table says it.
  const missingKeys = expect.foreignKeys.filter((k) => present.has(k.slice(0, k.indexOf("."))) && !found.has(k));
  if (missingKeys.length) problems.push(`missing foreign key(s): ${missingKeys.join(", ")}`);
  const notValidated = fks.filter((f) => !f.valid).map((f) => f.key);
  if (notValidated.length) problems.push(`foreign key(s) restored NOT VALID (never checked): ${notValidated.join(", ")}`);
  check.foreignKeys = fks.filter((f) => f.valid).length;

  if (expectedRows) {
    const differ: string[] = [];
    for (const [table, n] of Object.entries(expectedRows).filter(([t]) => present.has(t))) {
      const got = (await tx.get<{ n: number }>(`SELECT count(*)::int AS n FROM public.${quoteIdent(table)}`))!.n;
      if (got !== n) differ.push(`${table} ${got} instead of ${n}`);
    }
    if (differ.length) problems.push(`row counts differ from the database at dump time: ${differ.join(", ")}`);
    check.rowCountsCompared = true;
  }
  return present;
}

/** Restores the archive into the (empty) scratch database and inspects the copy. */
async function restoreAndInspect(file: string, scratchUrl: string, expectedRows: RowCounts | undefined, check: PgArchiveCheck): Promise<void> {
  const conn = libpqConnection(scratchUrl);
  let restore;
  try {
    restore = await runTool(pgTool("pg_restore"), ["--exit-on-error", "--no-owner", `--dbname=${conn.uri}`, file]);
  } finally {
    conn.cleanup();
  }
  if (restore.code !== 0) {
    check.problems.push(`pg_restore failed: ${toolError(restore)}`);
    return;
  }
  const engine = await openEngine({ url: scratchUrl, file: "" }, { migrate: false });
  try {
    const present = await engine.read((tx) => inspect(tx, pgExpectations(), expectedRows, check));
    if (present.has("audit_events")) {
      check.audit = await verifyAuditChain(engine);
      if (!check.audit.ok) check.problems.push(`audit chain broken at event #${check.audit.firstBadId}: ${check.audit.reason}`);
    }
  } finally {
    await engine.close();
  }
}

/**
 * Verifies a `pg_dump --format=custom` archive the way a SQLite backup is verified: by using it.
 *
 * 1. `pg_restore --list` reads its table of contents (a truncated or foreign file fails here);
 * 2. a scratch database (`binomio_verify_…`, from template0) is created on the server at `url`
 *    (the role needs CREATEDB; when refused, `scratchRefused` is set);
 * 3. `pg_restore --exit-on-error --no-owner` restores the archive into it: rows, then indexes
 *    (unique keys re-checked), then foreign keys (every row re-checked), then triggers;
 * 4. the copy must have drizzle's migrations table, not newer than this code; every table and
 *    foreign key of db/pg/schema.ts, validated; the same row counts as `expectedRows` (counts
 *    taken in the dump's own snapshot) when given; and an audit hash chain that verifies;
 * 5. the scratch database is always dropped (`WITH (FORCE)`, PostgreSQL 13 or newer).
 *
 * Nothing in the source database is read or changed; `url` only names the server (and a database
 * to connect to while creating and dropping the scratch one).
 */
export async function checkPgArchive(opts: { url: string; file: string; expectedRows?: RowCounts; now?: Date }): Promise<PgArchiveCheck> {
  const check: PgArchiveCheck = { ok: false, problems: [], audit: null, migrations: null, foreignKeys: 0, rowCountsCompared: false, warnings: [] };
  const done = () => ({ ...check, ok: check.problems.length === 0 });

  const list = await runTool(pgTool("pg_restore"), ["--list", opts.file]);
  if (list.code !== 0) {
    check.problems.push(`not a readable pg_dump archive: ${toolError(list)}`);
    return done();
  }

  const scratch = scratchDatabaseName(opts.now);
  try {
    await onServer(opts.url, (c) => c.query(`CREATE DATABASE ${quoteIdent(scratch)} TEMPLATE template0`));
  } catch (e) {
    const err = e as { code?: string; message: string };
    check.scratchRefused = true;
    check.problems.push(
      err.code === PERMISSION_DENIED
        ? `the archive could not be verified: this PostgreSQL role may not create databases (${err.message}). Grant it CREATEDB (ALTER ROLE … CREATEDB), or verify the archive on another server: DATABASE_URL=postgres://…/postgres npm run db:backup -- --verify <file>`
        : `the archive could not be verified: the scratch database could not be created (${err.message})`,
    );
    return done();
  }

  try {
    await restoreAndInspect(opts.file, withDatabase(opts.url, scratch), opts.expectedRows, check);
  } catch (e) {
    check.problems.push((e as Error).message);
  } finally {
    try {
      await onServer(opts.url, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(scratch)} WITH (FORCE)`));
    } catch (e) {
      check.warnings.push(`the scratch database ${scratch} could not be dropped (${(e as Error).message}): drop it by hand`);
    }
  }
  return done();
}

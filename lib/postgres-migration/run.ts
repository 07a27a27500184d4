import path from "node:path";
import { postgresEngine } from "@/db/engine/postgres";
import type { Engine } from "@/db/engine/types";
import { lockTablesForCopy } from "@/db/pg/copy-target";
import { applyPgMigrations } from "@/db/pg/migrate";
import { openPostgres } from "@/db/pg/open";
import { openSqliteSnapshot, SnapshotOpenError, sqliteSequences, type SqliteSnapshot } from "@/db/sqlite-snapshot";
import { carryCounters, copyAuditChainHead, copyTable } from "./copy";
import { copyPlan } from "./plan";
import { checkSource, checkTarget, Refusal, refuseRows, refuseRunningServer } from "./preflight";
import { verifyCopy, type Verification } from "./verify";

export type MigrationOutcome =
  /** Copied, verified and committed. */
  | { status: "verified"; verification: Verification; rows: number; seconds: number }
  /** Copied but the copy did not match its source: rolled back, the target is as it was. */
  | { status: "verification-failed"; verification: Verification }
  /** Not started: the source or the target is not fit (nothing was written). */
  | { status: "refused"; message: string }
  /** The copy failed (a value PostgreSQL refused, a lost connection…): rolled back. */
  | { status: "failed"; message: string };

class VerificationFailed extends Error {
  constructor(readonly verification: Verification) {
    super("the copy does not match its source");
  }
}

/**
 * Copies the SQLite database `from` into the empty PostgreSQL database `to`
 * (`npm run db:migrate-to-postgres`).
 *
 * 1. Refuses a running server's file, a missing file (never creates one), a file not at exactly
 *    this code's migrations, rows pointing to missing rows, and a target that is not empty.
 * 2. Applies db/migrations-pg to the target, then in ONE PostgreSQL transaction: locks the
 *    tables against writers, checks again that they are empty, sets audit_chain_head to SQLite's
 *    counter, copies every table in foreign-key order (batched multi-row INSERTs), verifies the copy (counts, a checksum per table, the audit chain: `verifyCopy`), moves every
 *    identity sequence past its table's ids, and commits. Any failure, a failed verification
 *    included, rolls it all back: the target keeps its (empty) migrated tables and nothing else.
 *
 * The source is read from one snapshot throughout, so a script writing meanwhile cannot tear
 * the copy; a server may not run at all (its later writes would be lost at the switch).
 */
export async function migrateSqliteToPostgres(opts: { from: string; to: string; log?: (line: string) => void }): Promise<MigrationOutcome> {
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const file = path.resolve(opts.from);
  const plan = copyPlan();
  let source: SqliteSnapshot | undefined;
  let engine: Engine | undefined;
  try {
    refuseRunningServer(file);
    source = openSqliteSnapshot(file);
    await checkSource(source, plan);
    const snapshot = source;

    const pg = await openPostgres(opts.to, { migrate: false, max: 2 });
    engine = postgresEngine(pg.pool, { retries: 0 });
    await checkTarget(engine, plan);
    await applyPgMigrations(pg.pool);
    const sequences = await sqliteSequences(snapshot);

    const { verification, rows } = await engine.write(async (tx) => {
      await lockTablesForCopy(tx, [...plan.map((t) => t.name), "audit_chain_head"]);
      await refuseRows(tx, plan);
      // Before the events: the head's trigger then finds nothing to raise on each insert (it
      // would otherwise update its one row once per event, slower with every update in one
      // transaction), and the head ends exactly at SQLite's counter.
      await copyAuditChainHead(tx, sequences);
      let rows = 0;
      for (const table of plan) {
        const n = await copyTable(snapshot, tx, table);
        rows += n;
        log(`copied ${table.name}: ${n} row${n === 1 ? "" : "s"}`);
      }
      log("verifying…");
      const verification = await verifyCopy(snapshot, tx, plan);
      if (!verification.ok) throw new VerificationFailed(verification);
      await carryCounters(tx, plan, sequences);
      return { verification, rows };
    });
    return { status: "verified", verification, rows, seconds: (performance.now() - started) / 1000 };
  } catch (e) {
    if (e instanceof VerificationFailed) return { status: "verification-failed", verification: e.verification };
    if (e instanceof Refusal || e instanceof SnapshotOpenError) return { status: "refused", message: e.message };
    return { status: "failed", message: e instanceof Error ? e.message : String(e) };
  } finally {
    source?.close();
    await engine?.close();
  }
}

/**
 * `npm run audit:verify`: recomputes the hash chain of `audit_events` in the PostgreSQL
 * database at DATABASE_URL, else in the SQLite file DATABASE_PATH (default ./data/binomio.db).
 * Prints `audit chain OK: N events` and exits 0, or `audit chain BROKEN at event #ID: <reason> …`
 * and exits 1; 2 when it cannot check at all. Read-only: it neither creates the file nor
 * applies migrations.
 */
import "server-only";
import { env } from "@/lib/env";
import { describeLocation, openEngine } from "@/db/engine/open";
import { verifyAuditChain, type AuditChainResult } from "@/lib/audit/trail";

function describeProblem(r: Extract<AuditChainResult, { ok: false }>): string {
  const where = (row: NonNullable<typeof r.row>) => `#${row.id}, ${row.at ? row.at.toISOString() : "invalid time"}, ${row.type}`;
  const head = `audit chain BROKEN at event #${r.firstBadId}: ${r.reason}`;
  switch (r.reason) {
    case "gap":
      return `${head} (event #${r.firstBadId} is missing; next stored event ${r.row ? where(r.row) : "none"})`;
    case "truncated":
      return `${head} (events from #${r.firstBadId} on were removed; last remaining event ${r.row ? where(r.row) : "none"})`;
    default:
      return `${head} (${r.row ? where(r.row) : "no row"})`;
  }
}

async function main(): Promise<number> {
  const at = { url: env().DATABASE_URL, file: env().DATABASE_PATH };
  let engine;
  try {
    engine = await openEngine(at, { migrate: false, mustExist: true });
  } catch (e) {
    console.error(`audit:verify: cannot open ${describeLocation(at)}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  try {
    const r = await verifyAuditChain(engine);
    if (r.ok) {
      console.log(`audit chain OK: ${r.count} events`);
      return 0;
    }
    console.log(describeProblem(r));
    console.log(`${r.count} event${r.count === 1 ? "" : "s"} verified before the problem.`);
    return 1;
  } finally {
    await engine.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(`audit:verify failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  },
);

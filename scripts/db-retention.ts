/**
 * `npm run db:retention`: summarises heartbeat detail older than HEARTBEAT_RETENTION_DAYS
 * (default 400) into daily totals, except the evidence of funded plans, kept until 10 years
 * after each plan ends; prints what it kept back and why, per plan. Safe to run from cron
 * while the site runs. The database is PostgreSQL at DATABASE_URL, else the SQLite file
 * DATABASE_PATH.
 */
import { openEngine } from "@/db/engine/open";
import { env } from "@/lib/env";
import { retentionReport } from "@/lib/retention/report";
import { rollUpHeartbeats } from "@/lib/retention/heartbeats";

let days: number;
try {
  days = env().HEARTBEAT_RETENTION_DAYS;
} catch (e) {
  console.error(`db:retention: ${(e as Error).message}`);
  process.exit(1);
}
openEngine({ url: env().DATABASE_URL, file: env().DATABASE_PATH })
  .then(async (d) => {
    try {
      console.log(retentionReport(await rollUpHeartbeats(d, days), days));
    } finally {
      await d.close();
    }
  })
  .catch((e: unknown) => {
    console.error(`db:retention failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  });

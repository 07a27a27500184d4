/**
 * `npm run db:retention`: summarises heartbeat detail older than HEARTBEAT_RETENTION_DAYS
 * (default 400) into daily totals, except the evidence of funded plans, kept until 10 years
 * after each plan ends; prints what it kept back and why, per plan. Safe to run from cron
 * while the site runs.
 */
import { openDatabase } from "@/db/open";
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
const d = openDatabase();
rollUpHeartbeats(d, days).then(
  (r) => console.log(retentionReport(r, days)),
  (e: unknown) => {
    console.error(`db:retention failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
).finally(() => d.sqlite.close());

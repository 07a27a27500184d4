/**
 * `npm run db:retention`: summarises heartbeat detail older than HEARTBEAT_RETENTION_DAYS
 * (default 400) into daily totals. Safe to run from cron while the site runs.
 */
import { openDatabase } from "@/db/open";
import { env } from "@/lib/env";
import { rollUpHeartbeats } from "@/lib/retention/heartbeats";

let days: number;
try {
  days = env().HEARTBEAT_RETENTION_DAYS;
} catch (e) {
  console.error(`db:retention: ${(e as Error).message}`);
  process.exit(1);
}
const d = openDatabase();
const r = rollUpHeartbeats(d, days);
console.log(`Heartbeats before ${r.cutoff.toISOString()}: ${r.rolledUp} rolled up into daily totals (${r.days} day rows written).`);
d.sqlite.close();

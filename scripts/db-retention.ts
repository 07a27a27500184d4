/**
 * `npm run db:retention`: summarises heartbeat detail older than HEARTBEAT_RETENTION_DAYS
 * (default 400) into daily totals. Safe to run from cron while the site runs.
 */
import { openDatabase } from "@/db/open";
import { rollUpHeartbeats } from "@/lib/retention/heartbeats";

const days = Number(process.env.HEARTBEAT_RETENTION_DAYS ?? 400);
if (!Number.isInteger(days) || days < 1) {
  console.error("HEARTBEAT_RETENTION_DAYS must be a whole number of days ≥ 1.");
  process.exit(1);
}
const d = openDatabase();
const r = rollUpHeartbeats(d, days);
console.log(`Heartbeats before ${r.cutoff.toISOString()}: ${r.rolledUp} rolled up into daily totals (${r.days} day rows written).`);
d.sqlite.close();

import "server-only";
import type { AppDatabase } from "@/db/open";
import { writeTransaction } from "@/db/transaction";

export type RollupResult = { cutoff: Date; rolledUp: number; days: number };

/**
 * Rolls heartbeat detail older than `retentionDays` up into per-day totals
 * (`heartbeat_daily`) and deletes the detail, in one transaction. The per-lesson totals
 * (`lesson_progress.active_seconds`) and the access log (`auth_sessions`) are separate and
 * untouched, so reports do not change; only the beat-by-beat trail is summarised.
 */
export function rollUpHeartbeats(d: AppDatabase, retentionDays: number, now = new Date()): RollupResult {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const cutoffSeconds = Math.floor(cutoff.getTime() / 1000);
  return writeTransaction(d, () => {
    const summary = d.sqlite
      .prepare(
        `INSERT INTO heartbeat_daily (user_id, course_slug, lesson_slug, day, beats, credited_seconds)
         SELECT user_id, course_slug, lesson_slug, strftime('%Y-%m-%d', received_at, 'unixepoch'), count(*), sum(credited_seconds)
           FROM heartbeats WHERE received_at < ?
          GROUP BY 1, 2, 3, 4
         ON CONFLICT (user_id, course_slug, lesson_slug, day) DO UPDATE
           SET beats = beats + excluded.beats, credited_seconds = credited_seconds + excluded.credited_seconds`,
      )
      .run(cutoffSeconds);
    const deleted = d.sqlite.prepare("DELETE FROM heartbeats WHERE received_at < ?").run(cutoffSeconds);
    return { cutoff, rolledUp: deleted.changes, days: summary.changes };
  });
}

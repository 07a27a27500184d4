/**
 * Writes what a warm-started learner's sitting did before the step began (schedule.ts,
 * `Prefix`), as the server would have written it: lessons opened in the learner's current
 * sign-in session, credited 30 s a beat and completed; the learner's heartbeat clock at the
 * last credit, so the next real heartbeat is credited 30 s; the session seen now. Bench learners
 * are in their first cycle (the column's default).
 *
 * One transaction per batch, from the benchmark's own connection (WAL lets it write while the
 * server runs). Like the dataset (dataset.ts), these rows carry no audit events and no
 * heartbeat detail rows: nothing the load reads depends on them.
 */
import type Database from "better-sqlite3";
import type { Prefix } from "./schedule";

export type SeedLesson = { slug: string; hash: string };

export type SeedEntry = { userId: number; sessionId: string; prefix: Prefix };

/** Whether the schema records the session a lesson was last opened in (completion requires it when it does). */
function hasColumn(sqlite: Database.Database, table: string, column: string): boolean {
  return (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).some((c) => c.name === column);
}

export type Seeder = (entries: readonly SeedEntry[], nowMs?: number) => void;

export function seeder(sqlite: Database.Database, courseSlug: string, lessons: readonly SeedLesson[]): Seeder {
  const sessionColumn = hasColumn(sqlite, "lesson_progress", "last_opened_session_id");
  const cols = `user_id, course_slug, lesson_slug, first_opened_at, opened_content_hash, completed_at, completed_content_hash, active_seconds, last_heartbeat_at${sessionColumn ? ", last_opened_session_id" : ""}`;
  const upsert = sqlite.prepare(
    `INSERT INTO lesson_progress (${cols}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?${sessionColumn ? ", ?" : ""})
     ON CONFLICT (user_id, course_slug, lesson_slug, cycle) DO UPDATE SET
       completed_at = coalesce(lesson_progress.completed_at, excluded.completed_at),
       completed_content_hash = coalesce(lesson_progress.completed_content_hash, excluded.completed_content_hash),
       active_seconds = lesson_progress.active_seconds + excluded.active_seconds,
       last_heartbeat_at = coalesce(excluded.last_heartbeat_at, lesson_progress.last_heartbeat_at)
       ${sessionColumn ? ", last_opened_session_id = excluded.last_opened_session_id" : ""}`,
  );
  const clock = sqlite.prepare(
    "INSERT INTO learner_clocks (user_id, last_credited_at_ms) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET last_credited_at_ms = excluded.last_credited_at_ms",
  );
  const session = sqlite.prepare("UPDATE auth_sessions SET last_seen_at = ? WHERE id = ?");
  const lessonAt = (n: number) => {
    const l = lessons[n - 1];
    if (!l) throw new Error(`seed: no lesson ${n}`);
    return l;
  };

  const write = sqlite.transaction((entries: readonly SeedEntry[], nowMs: number) => {
    const sec = (agoSeconds: number) => Math.floor((nowMs - agoSeconds * 1000) / 1000);
    for (const e of entries) {
      const row = (n: number, openedAgo: number, completedAgo: number | null, beats: number, lastBeatAgo: number | null) => {
        const l = lessonAt(n);
        const values: (string | number | null)[] = [
          e.userId,
          courseSlug,
          l.slug,
          sec(openedAgo),
          l.hash,
          completedAgo === null ? null : sec(completedAgo),
          completedAgo === null ? null : l.hash,
          beats * 30,
          lastBeatAgo === null ? null : sec(lastBeatAgo),
        ];
        if (sessionColumn) values.push(e.sessionId);
        upsert.run(...values);
      };
      for (const c of e.prefix.completed) row(c.lesson, c.openedAgo, c.completedAgo, c.beats, c.beats ? c.completedAgo : null);
      const r = e.prefix.reading;
      if (r) {
        row(r.lesson, r.openedAgo, null, r.beats, r.beats ? r.lastCreditAgo : null);
        clock.run(e.userId, Math.round(nowMs - r.lastCreditAgo * 1000));
      }
      session.run(sec(0), e.sessionId);
    }
  });
  return (entries, nowMs = Date.now()) => write(entries, nowMs);
}

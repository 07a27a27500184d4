import "server-only";
import type { AppDatabase } from "../open";
import type { Locale } from "../schema";

export type ReminderCandidate = {
  userId: number;
  email: string;
  firstName: string;
  lastName: string;
  locale: Locale;
  courseSlug: string;
  /** `YYYY-MM-DD`: the earliest due date among the person's enrolments in the course. */
  dueDate: string;
};

/**
 * Who may need a reminder: per person × course, the earliest due date among their effective
 * enrolments (direct or by rule), for active learners who have not completed the course, with
 * that date on or before `latestDue` (`YYYY-MM-DD`, text order is date order).
 */
export function listReminderCandidates(d: AppDatabase, latestDue: string): ReminderCandidate[] {
  return d.sqlite
    .prepare<[string], Omit<ReminderCandidate, "locale"> & { locale: string }>(
      `SELECT e.user_id AS userId, u.email, u.first_name AS firstName, u.last_name AS lastName, u.locale,
              e.course_slug AS courseSlug, min(e.due_date) AS dueDate
         FROM effective_enrolments e
         JOIN users u ON u.id = e.user_id
        WHERE e.due_date IS NOT NULL AND e.due_date <> ''
          AND u.active = 1
          AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'learner')
          AND NOT EXISTS (SELECT 1 FROM course_completions c WHERE c.user_id = e.user_id AND c.course_slug = e.course_slug)
        GROUP BY e.user_id, e.course_slug
       HAVING min(e.due_date) <= ?
        ORDER BY e.user_id, e.course_slug`,
    )
    .all(latestDue)
    .map((r) => ({ ...r, locale: r.locale === "en" ? "en" : "it" }));
}

/**
 * Records a reminder unless the same one (person, course, kind, due date) was recorded before.
 * True when this call recorded it — the caller then queues the mail in the same transaction.
 */
export function logReminder(
  d: AppDatabase,
  r: { userId: number; courseSlug: string; kind: "due-soon" | "overdue"; dueDate: string; now: Date },
): boolean {
  return (
    d.sqlite
      .prepare(
        `INSERT INTO reminder_log (user_id, course_slug, kind, due_date, sent_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (user_id, course_slug, kind, due_date) DO NOTHING`,
      )
      .run(r.userId, r.courseSlug, r.kind, r.dueDate, Math.floor(r.now.getTime() / 1000)).changes === 1
  );
}

import "server-only";
import type { Engine } from "../engine/types";
import type { Locale } from "../schema";
import { inScopeOrUnscopedSql, NO_SCOPE_PARAMS, scopeParams, type DataScope } from "./scope";

export type ReminderCandidate = {
  userId: number;
  email: string;
  firstName: string;
  lastName: string;
  locale: Locale;
  companyId: number | null;
  courseSlug: string;
  /** `YYYY-MM-DD`: the due date of the learner's current cycle (the first: the earliest among their enrolments). */
  dueDate: string;
  cycle: number;
  /** The certificate of the previous cycle, for a recertification: when it expires (Unix seconds), if it does. */
  previousExpiresAt: number | null;
};

/**
 * Who may need a reminder: per person × course, the current cycle's due date — a first cycle's
 * is the earliest among their effective enrolments (direct or by rule), a later cycle's its own —
 * for active learners who have not completed that cycle, with that date on or before
 * `latestDue` (`YYYY-MM-DD`, text order is date order); only people of `scope` when given.
 */
export async function listReminderCandidates(d: Engine, latestDue: string, scope?: DataScope): Promise<ReminderCandidate[]> {
  const params = { latest: latestDue, ...(scope ? scopeParams(scope) : NO_SCOPE_PARAMS) };
  return (
    await d.all<Omit<ReminderCandidate, "locale"> & { locale: string }>(
      `WITH x AS (
           SELECT e.user_id, e.course_slug, min(nullif(e.due_date, '')) AS due_date, 1 AS cycle
             FROM effective_enrolments e
            WHERE NOT EXISTS (SELECT 1 FROM enrolment_cycles c WHERE c.user_id = e.user_id AND c.course_slug = e.course_slug)
            GROUP BY e.user_id, e.course_slug
           UNION ALL
           SELECT c.user_id, c.course_slug, c.due_date, c.cycle FROM enrolment_cycles c
            WHERE c.cycle = (SELECT max(c2.cycle) FROM enrolment_cycles c2 WHERE c2.user_id = c.user_id AND c2.course_slug = c.course_slug))
         SELECT x.user_id AS "userId", u.email, u.first_name AS "firstName", u.last_name AS "lastName", u.locale, u.company_id AS "companyId",
                x.course_slug AS "courseSlug", x.due_date AS "dueDate", x.cycle,
                (SELECT ce.expires_at FROM certificates ce JOIN course_completions pc ON pc.id = ce.completion_id
                  WHERE pc.user_id = x.user_id AND pc.course_slug = x.course_slug AND pc.cycle = x.cycle - 1) AS "previousExpiresAt"
           FROM x JOIN users u ON u.id = x.user_id
          WHERE x.due_date IS NOT NULL AND x.due_date <> '' AND x.due_date <= @latest
            AND u.active
            AND ${inScopeOrUnscopedSql(d, "u")}
            AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'learner')
            AND NOT EXISTS (SELECT 1 FROM course_completions c WHERE c.user_id = x.user_id AND c.course_slug = x.course_slug AND c.cycle = x.cycle)
          ORDER BY x.user_id, x.course_slug`,
      params,
    )
  ).map((r) => ({ ...r, locale: r.locale === "en" ? "en" : "it" }));
}

/**
 * Records a reminder unless the same one (person, course, kind, due date) was recorded before.
 * True when this call recorded it — the caller then queues the mail in the same transaction.
 */
export async function logReminder(
  d: Engine,
  r: { userId: number; courseSlug: string; kind: "due-soon" | "overdue"; dueDate: string; now: Date },
): Promise<boolean> {
  const result = await d.run(
    `INSERT INTO reminder_log (user_id, course_slug, kind, due_date, sent_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (user_id, course_slug, kind, due_date) DO NOTHING`,
    [r.userId, r.courseSlug, r.kind, r.dueDate, Math.floor(r.now.getTime() / 1000)],
  );
  return result.changes === 1;
}

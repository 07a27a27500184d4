import "server-only";
import type Database from "better-sqlite3";
import type { AppDatabase } from "../open";
import { preparedStatement } from "../prepared";
import { enrolmentRules, enrolments } from "../schema";

export type EffectiveEnrolment = { courseSlug: string; dueDate: string | null };

/**
 * Is this person enrolled in the course — by name, or by a rule (everyone, or their
 * department)? One prepared statement: it runs on the lesson-page path.
 */
export function isEnrolled(d: AppDatabase, userId: number, courseSlug: string): boolean {
  const stmt = preparedStatement<Database.Statement<[number, string, number, string]>>(
    d,
    `SELECT 1 FROM enrolments WHERE user_id = ? AND course_slug = ?
     UNION ALL
     SELECT 1 FROM enrolment_rules r JOIN users u ON u.id = ?
      WHERE r.course_slug = ? AND (r.scope = 'everyone' OR (r.scope = 'department' AND r.department = u.department))
     LIMIT 1`,
  );
  return stmt.get(userId, courseSlug, userId, courseSlug) !== undefined;
}

/** The courses a person is enrolled in, with the earliest due date that applies. */
export function listEnrolments(d: AppDatabase, userId: number): EffectiveEnrolment[] {
  return (
    d.sqlite
      .prepare("SELECT course_slug, min(due_date) AS due_date FROM effective_enrolments WHERE user_id = ? GROUP BY course_slug")
      .all(userId) as { course_slug: string; due_date: string | null }[]
  ).map((r) => ({ courseSlug: r.course_slug, dueDate: r.due_date }));
}

/** Enrols named people; an existing enrolment keeps its row and takes the new due date. */
export function enrolPeople(d: AppDatabase, userIds: readonly number[], courseSlug: string, dueDate: string | null, createdBy: number): number {
  let changed = 0;
  for (const userId of userIds) {
    changed += d.orm
      .insert(enrolments)
      .values({ userId, courseSlug, dueDate, createdBy })
      .onConflictDoUpdate({ target: [enrolments.userId, enrolments.courseSlug], set: { dueDate } })
      .run().changes;
  }
  return changed;
}

export function addEnrolmentRule(
  d: AppDatabase,
  r: { courseSlug: string; scope: "everyone" | "department"; department: string | null; dueDate: string | null; createdBy: number | null },
): number {
  return d.orm.insert(enrolmentRules).values(r).returning({ id: enrolmentRules.id }).get().id;
}

export function listRules(d: AppDatabase) {
  return d.orm.select().from(enrolmentRules).all();
}

export type EnrolmentOverviewRow = {
  courseSlug: string;
  department: string | null;
  enrolled: number;
  notStarted: number;
  overdue: number;
  completed: number;
};

/**
 * Per course and department: enrolled, not started, overdue (due date passed, not completed)
 * and completed — the admin's list of whom to chase.
 */
export function enrolmentOverview(d: AppDatabase, today: string): EnrolmentOverviewRow[] {
  return (
    d.sqlite
      .prepare(
        `WITH e AS (SELECT user_id, course_slug, min(due_date) AS due_date FROM effective_enrolments GROUP BY user_id, course_slug)
         SELECT e.course_slug AS courseSlug, u.department AS department, count(*) AS enrolled,
                sum(CASE WHEN NOT EXISTS (SELECT 1 FROM lesson_progress p WHERE p.user_id = e.user_id AND p.course_slug = e.course_slug) THEN 1 ELSE 0 END) AS notStarted,
                sum(CASE WHEN e.due_date IS NOT NULL AND e.due_date < ? AND NOT EXISTS (SELECT 1 FROM course_completions c WHERE c.user_id = e.user_id AND c.course_slug = e.course_slug) THEN 1 ELSE 0 END) AS overdue,
                sum(CASE WHEN EXISTS (SELECT 1 FROM course_completions c WHERE c.user_id = e.user_id AND c.course_slug = e.course_slug) THEN 1 ELSE 0 END) AS completed
           FROM e JOIN users u ON u.id = e.user_id AND u.active = 1
          GROUP BY e.course_slug, u.department
          ORDER BY e.course_slug, u.department`,
      )
      .all(today) as EnrolmentOverviewRow[]
  );
}

export type LateLearner = { userId: number; firstName: string; lastName: string; email: string; department: string | null; courseSlug: string; dueDate: string | null; started: number };

/** Enrolled, active, not completed, and either overdue or not started. */
export function listLateLearners(d: AppDatabase, courseSlug: string, today: string): LateLearner[] {
  return d.sqlite
    .prepare(
      `WITH e AS (SELECT user_id, course_slug, min(due_date) AS due_date FROM effective_enrolments WHERE course_slug = ? GROUP BY user_id, course_slug)
       SELECT u.id AS userId, u.first_name AS firstName, u.last_name AS lastName, u.email, u.department, e.course_slug AS courseSlug, e.due_date AS dueDate,
              EXISTS (SELECT 1 FROM lesson_progress p WHERE p.user_id = u.id AND p.course_slug = e.course_slug) AS started
         FROM e JOIN users u ON u.id = e.user_id AND u.active = 1
        WHERE NOT EXISTS (SELECT 1 FROM course_completions c WHERE c.user_id = u.id AND c.course_slug = e.course_slug)
          AND ((e.due_date IS NOT NULL AND e.due_date < ?) OR NOT EXISTS (SELECT 1 FROM lesson_progress p WHERE p.user_id = u.id AND p.course_slug = e.course_slug))
        ORDER BY e.due_date, u.last_name, u.first_name`,
    )
    .all(courseSlug, today) as LateLearner[];
}

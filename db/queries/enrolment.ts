import "server-only";
import type Database from "better-sqlite3";
import type { AppDatabase } from "../open";
import { preparedStatement } from "../prepared";
import { and, eq } from "drizzle-orm";
import { enrolmentRules, enrolments } from "../schema";

export type EffectiveEnrolment = { courseSlug: string; dueDate: string | null };

/**
 * Is this person enrolled in the course — by name, by a rule of their company (everyone, or
 * their department or one above it), or in a later cycle? One prepared statement: it runs on
 * the lesson-page path.
 */
export function isEnrolled(d: AppDatabase, userId: number, courseSlug: string): boolean {
  const stmt = preparedStatement<Database.Statement<[{ user: number; course: string }]>>(
    d,
    `SELECT 1 FROM enrolments WHERE user_id = @user AND course_slug = @course
     UNION ALL
     SELECT 1 FROM enrolment_rules r JOIN users u ON u.id = @user
      WHERE r.course_slug = @course AND r.company_id = u.company_id
        AND (r.scope = 'everyone' OR (r.scope = 'department' AND (r.department = u.department
             OR EXISTS (SELECT 1 FROM department_ancestors da WHERE da.company_id = u.company_id AND da.department = u.department AND da.ancestor = r.department))))
     UNION ALL
     SELECT 1 FROM enrolment_cycles WHERE user_id = @user AND course_slug = @course
     LIMIT 1`,
  );
  return stmt.get({ user: userId, course: courseSlug }) !== undefined;
}

/** The courses a person is enrolled in, with the due date of their current cycle (the first: the earliest among the enrolments). */
export function listEnrolments(d: AppDatabase, userId: number): EffectiveEnrolment[] {
  return (
    d.sqlite
      .prepare(
        `SELECT course_slug, coalesce((SELECT c.due_date FROM enrolment_cycles c WHERE c.user_id = @user AND c.course_slug = x.course_slug ORDER BY c.cycle DESC LIMIT 1), min(due_date)) AS due_date
           FROM (SELECT user_id, course_slug, due_date FROM effective_enrolments WHERE user_id = @user
                 UNION ALL SELECT user_id, course_slug, NULL FROM enrolment_cycles WHERE user_id = @user) x
          GROUP BY course_slug`,
      )
      .all({ user: userId }) as { course_slug: string; due_date: string | null }[]
  ).map((r) => ({ courseSlug: r.course_slug, dueDate: r.due_date }));
}

/** Enrols named people; an existing enrolment keeps its row and takes the new due date and plan. */
export function enrolPeople(d: AppDatabase, userIds: readonly number[], courseSlug: string, dueDate: string | null, createdBy: number, planId: number | null = null): number {
  let changed = 0;
  for (const userId of userIds) {
    changed += d.orm
      .insert(enrolments)
      .values({ userId, courseSlug, dueDate, createdBy, planId })
      .onConflictDoUpdate({ target: [enrolments.userId, enrolments.courseSlug], set: { dueDate, planId } })
      .run().changes;
  }
  return changed;
}

export function addEnrolmentRule(
  d: AppDatabase,
  r: {
    companyId: number;
    courseSlug: string;
    scope: "everyone" | "department";
    department: string | null;
    dueDate: string | null;
    planId?: number | null;
    recurMonths?: number | null;
    createdBy: number | null;
  },
): number {
  return d.orm.insert(enrolmentRules).values(r).returning({ id: enrolmentRules.id }).get().id;
}

/** A company's standing rules. */
export function listRules(d: AppDatabase, companyId: number) {
  return d.orm.select().from(enrolmentRules).where(eq(enrolmentRules.companyId, companyId)).orderBy(enrolmentRules.id).all();
}

export type EnrolmentRule = typeof enrolmentRules.$inferSelect;

/** A rule of the company, or undefined (another company's rule is answered like an unknown one). */
export function getRule(d: AppDatabase, companyId: number, id: number): EnrolmentRule | undefined {
  return d.orm
    .select()
    .from(enrolmentRules)
    .where(and(eq(enrolmentRules.id, id), eq(enrolmentRules.companyId, companyId)))
    .get();
}

export function setRuleDueDate(d: AppDatabase, id: number, dueDate: string | null): boolean {
  return d.orm.update(enrolmentRules).set({ dueDate }).where(eq(enrolmentRules.id, id)).run().changes === 1;
}

/** Removes a standing rule. Nothing recorded by the people it enrolled is touched. */
export function deleteRule(d: AppDatabase, id: number): boolean {
  // Cycles it opened stay (with their plan and due date); they just no longer name it.
  d.sqlite.prepare("UPDATE enrolment_cycles SET rule_id = NULL WHERE rule_id = ?").run(id);
  return d.orm.delete(enrolmentRules).where(eq(enrolmentRules.id, id)).run().changes === 1;
}

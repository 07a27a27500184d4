import "server-only";
import { and, eq } from "drizzle-orm";
import { changes, orm } from "../engine/orm";
import type { Engine } from "../engine/types";
import { enrolmentRules, enrolments } from "../schema";

export type EffectiveEnrolment = { courseSlug: string; dueDate: string | null };

/**
 * Is this person enrolled in the course — by name, by a rule of their company (everyone, or
 * their department or one above it), or in a later cycle? One prepared statement: it runs on
 * the lesson-page path.
 */
export async function isEnrolled(d: Engine, userId: number, courseSlug: string): Promise<boolean> {
  const row = await d.get(
    `SELECT 1 FROM enrolments WHERE user_id = @user AND course_slug = @course
     UNION ALL
     SELECT 1 FROM enrolment_rules r JOIN users u ON u.id = @user
      WHERE r.course_slug = @course AND r.company_id = u.company_id
        AND (r.scope = 'everyone' OR (r.scope = 'department' AND (r.department = u.department
             OR EXISTS (SELECT 1 FROM department_ancestors da WHERE da.company_id = u.company_id AND da.department = u.department AND da.ancestor = r.department))))
     UNION ALL
     SELECT 1 FROM enrolment_cycles WHERE user_id = @user AND course_slug = @course
     LIMIT 1`,
    { user: userId, course: courseSlug },
  );
  return row !== undefined;
}

/** The courses a person is enrolled in, with the due date of their current cycle (the first: the earliest among the enrolments). */
export async function listEnrolments(d: Engine, userId: number): Promise<EffectiveEnrolment[]> {
  return (
    await d.all<{ course_slug: string; due_date: string | null }>(
        `SELECT course_slug, coalesce((SELECT c.due_date FROM enrolment_cycles c WHERE c.user_id = @user AND c.course_slug = x.course_slug ORDER BY c.cycle DESC LIMIT 1), min(due_date)) AS due_date
           FROM (SELECT user_id, course_slug, due_date FROM effective_enrolments WHERE user_id = @user
                 UNION ALL SELECT user_id, course_slug, NULL FROM enrolment_cycles WHERE user_id = @user) x
          GROUP BY course_slug`,
      { user: userId },
    )
  ).map((r) => ({ courseSlug: r.course_slug, dueDate: r.due_date }));
}

/** Enrols named people; an existing enrolment keeps its row and takes the new due date and plan. */
export async function enrolPeople(d: Engine, userIds: readonly number[], courseSlug: string, dueDate: string | null, createdBy: number, planId: number | null = null): Promise<number> {
  let changed = 0;
  for (const userId of userIds) {
    changed += changes(
      await orm(d)
        .insert(enrolments)
        .values({ userId, courseSlug, dueDate, createdBy, planId })
        .onConflictDoUpdate({ target: [enrolments.userId, enrolments.courseSlug], set: { dueDate, planId } })
        .run(),
    );
  }
  return changed;
}

export async function addEnrolmentRule(
  d: Engine,
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
): Promise<number> {
  return (await orm(d).insert(enrolmentRules).values(r).returning({ id: enrolmentRules.id }).get()).id;
}

/** A company's standing rules. */
export async function listRules(d: Engine, companyId: number): Promise<EnrolmentRule[]> {
  return orm(d).select().from(enrolmentRules).where(eq(enrolmentRules.companyId, companyId)).orderBy(enrolmentRules.id);
}

export type EnrolmentRule = typeof enrolmentRules.$inferSelect;

/** A rule of the company, or undefined (another company's rule is answered like an unknown one). */
export async function getRule(d: Engine, companyId: number, id: number): Promise<EnrolmentRule | undefined> {
  return orm(d)
    .select()
    .from(enrolmentRules)
    .where(and(eq(enrolmentRules.id, id), eq(enrolmentRules.companyId, companyId)))
    .get();
}

export async function setRuleDueDate(d: Engine, id: number, dueDate: string | null): Promise<boolean> {
  return changes(await orm(d).update(enrolmentRules).set({ dueDate }).where(eq(enrolmentRules.id, id)).run()) === 1;
}

/** Removes a standing rule. Nothing recorded by the people it enrolled is touched. */
export async function deleteRule(d: Engine, id: number): Promise<boolean> {
  // Cycles it opened stay (with their plan and due date); they just no longer name it.
  await d.run("UPDATE enrolment_cycles SET rule_id = NULL WHERE rule_id = ?", [id]);
  return changes(await orm(d).delete(enrolmentRules).where(eq(enrolmentRules.id, id)).run()) === 1;
}

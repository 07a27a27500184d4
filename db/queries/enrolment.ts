import "server-only";
import type Database from "better-sqlite3";
import type { AppDatabase } from "../open";
import { preparedStatement } from "../prepared";
import { eq } from "drizzle-orm";
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

export type EnrolmentRule = typeof enrolmentRules.$inferSelect;

export function getRule(d: AppDatabase, id: number): EnrolmentRule | undefined {
  return d.orm.select().from(enrolmentRules).where(eq(enrolmentRules.id, id)).get();
}

export function setRuleDueDate(d: AppDatabase, id: number, dueDate: string | null): boolean {
  return d.orm.update(enrolmentRules).set({ dueDate }).where(eq(enrolmentRules.id, id)).run().changes === 1;
}

/** Removes a standing rule. Nothing recorded by the people it enrolled is touched. */
export function deleteRule(d: AppDatabase, id: number): boolean {
  return d.orm.delete(enrolmentRules).where(eq(enrolmentRules.id, id)).run().changes === 1;
}

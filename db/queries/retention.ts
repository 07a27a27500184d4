import "server-only";
import type { AppDatabase } from "../open";

/**
 * What retention must not touch: the evidence of plans under a legal hold. A learner's activity
 * on a course belongs to a plan when the learner is enrolled in the course under that plan
 * (by name or by a rule: `effective_enrolments`), has a later cycle of it under the plan
 * (`enrolment_cycles`) or completed it under the plan (`course_completions`). Heartbeats carry
 * the learner and the course but not the cycle, so a course with any cycle in a held plan keeps
 * all its heartbeats: more is kept, never less. A learner's other courses are not the plan's.
 */

export type RetentionPlanRow = { id: number; companyId: number; title: string; fund: string; endsOn: string | null };

export function listPlansForRetention(d: AppDatabase): RetentionPlanRow[] {
  return d.sqlite.prepare("SELECT id, company_id AS companyId, title, fund, ends_on AS endsOn FROM funding_plans ORDER BY id").all() as RetentionPlanRow[];
}

/** SQL: the (user_id, course_slug) pairs of the plans whose ids are in the JSON array `@held_plans`. */
export const HELD_PAIRS_SQL = `
  SELECT user_id, course_slug FROM effective_enrolments WHERE plan_id IN (SELECT value FROM json_each(@held_plans))
  UNION SELECT user_id, course_slug FROM enrolment_cycles WHERE plan_id IN (SELECT value FROM json_each(@held_plans))
  UNION SELECT user_id, course_slug FROM course_completions WHERE plan_id IN (SELECT value FROM json_each(@held_plans))`;

/** Heartbeats received before `cutoff` (Unix seconds) that are the evidence of any of the plans `planIds` (each counted once). */
export function countHeldHeartbeats(d: AppDatabase, planIds: readonly number[], cutoff: number): number {
  const row = d.sqlite
    .prepare(`SELECT count(*) AS n FROM heartbeats WHERE received_at < @cutoff AND (user_id, course_slug) IN (${HELD_PAIRS_SQL})`)
    .get({ cutoff, held_plans: JSON.stringify(planIds) }) as { n: number };
  return row.n;
}

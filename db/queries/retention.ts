import "server-only";
import type { Engine } from "../engine/types";

/**
 * What retention must not touch: the evidence of plans under a legal hold. A learner's activity
 * on a course belongs to a plan when the learner is enrolled in the course under that plan
 * (by name or by a rule: `effective_enrolments`), has a later cycle of it under the plan
 * (`enrolment_cycles`) or completed it under the plan (`course_completions`). Heartbeats carry
 * the learner and the course but not the cycle, so a course with any cycle in a held plan keeps
 * all its heartbeats: more is kept, never less. A learner's other courses are not the plan's.
 *
 * The pairs are written once into a temporary table of this connection (`temp.retention_held`,
 * keyed by learner and course), so the rollup tests each heartbeat with one index lookup: the
 * same test against the view, re-evaluated, took a minute on a million heartbeats.
 */

export type RetentionPlanRow = { id: number; companyId: number; title: string; fund: string; endsOn: string | null };

export async function listPlansForRetention(d: Engine): Promise<RetentionPlanRow[]> {
  return d.all<RetentionPlanRow>('SELECT id, company_id AS "companyId", title, fund, ends_on AS "endsOn" FROM funding_plans ORDER BY id');
}

/** SQL: the heartbeat aliased `h` is the evidence of a plan in `temp.retention_held`. */
export const HELD_HEARTBEAT_SQL = "EXISTS (SELECT 1 FROM temp.retention_held k WHERE k.user_id = h.user_id AND k.course_slug = h.course_slug AND k.plan_id IN (SELECT value FROM json_each(@held_plans)))";

/**
 * Fills `temp.retention_held` with the (plan, learner, course) triples of `planIds`. Call it
 * inside the transaction that uses it, so it sees the same data.
 */
export async function markHeldPairs(d: Engine, planIds: readonly number[]): Promise<void> {
  await d.run(
    "CREATE TEMP TABLE IF NOT EXISTS retention_held (user_id INTEGER NOT NULL, course_slug TEXT NOT NULL, plan_id INTEGER NOT NULL, PRIMARY KEY (user_id, course_slug, plan_id)) WITHOUT ROWID",
  );
  await d.run("DELETE FROM temp.retention_held");
  await d.run(
    `INSERT INTO temp.retention_held (user_id, course_slug, plan_id)
       SELECT user_id, course_slug, plan_id FROM effective_enrolments WHERE plan_id IN (SELECT value FROM json_each(@held_plans))
       UNION SELECT user_id, course_slug, plan_id FROM enrolment_cycles WHERE plan_id IN (SELECT value FROM json_each(@held_plans))
       UNION SELECT user_id, course_slug, plan_id FROM course_completions WHERE plan_id IN (SELECT value FROM json_each(@held_plans))
       ON CONFLICT DO NOTHING`,
    { held_plans: JSON.stringify(planIds) },
  );
}

/** Heartbeats received before `cutoff` (Unix seconds) that are the evidence of any of `planIds` (each counted once; after `markHeldPairs`). */
export async function countHeldHeartbeats(d: Engine, planIds: readonly number[], cutoff: number): Promise<number> {
  const row = await d.get<{ n: number }>(`SELECT count(*) AS n FROM heartbeats h WHERE h.received_at < @cutoff AND ${HELD_HEARTBEAT_SQL}`, { cutoff, held_plans: JSON.stringify(planIds) });
  return row!.n;
}

import "server-only";
import type { Dialect, Engine } from "../engine/types";
import { jsonArrayValues, perDialect, temporaryTable, utcDayOf } from "../engine/dialect-sql";

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

const heldTable = (dialect: Dialect) =>
  temporaryTable(dialect, "retention_held", "user_id INTEGER NOT NULL, course_slug TEXT NOT NULL, plan_id INTEGER NOT NULL", "user_id, course_slug, plan_id");
/** The held pairs' table, per dialect: its CREATE statement and its name. */
const HELD = { sqlite: heldTable("sqlite"), postgres: heldTable("postgres") };

/** SQL: the heartbeat aliased `h` is the evidence of a plan in the held pairs (`markHeldPairs`). */
const HELD_HEARTBEAT_SQL = perDialect(
  (dialect) =>
    `EXISTS (SELECT 1 FROM ${HELD[dialect].name} k WHERE k.user_id = h.user_id AND k.course_slug = h.course_slug AND k.plan_id IN ${jsonArrayValues(dialect, "@held_plans", "integer")})`,
);

/**
 * Fills the held pairs (`temp.retention_held`) with the (plan, learner, course) triples of
 * `planIds`. Call it inside the transaction that uses it, so it sees the same data.
 */
export async function markHeldPairs(d: Engine, planIds: readonly number[]): Promise<void> {
  const plans = jsonArrayValues(d, "@held_plans", "integer");
  const held = HELD[d.dialect];
  await d.run(held.create);
  await d.run(`DELETE FROM ${held.name}`);
  await d.run(
    `INSERT INTO ${held.name} (user_id, course_slug, plan_id)
       SELECT user_id, course_slug, plan_id FROM effective_enrolments WHERE plan_id IN ${plans}
       UNION SELECT user_id, course_slug, plan_id FROM enrolment_cycles WHERE plan_id IN ${plans}
       UNION SELECT user_id, course_slug, plan_id FROM course_completions WHERE plan_id IN ${plans}
       ON CONFLICT DO NOTHING`,
    { held_plans: JSON.stringify(planIds) },
  );
}

/** Heartbeats received before `cutoff` (Unix seconds) that are the evidence of any of `planIds` (each counted once; after `markHeldPairs`). */
export async function countHeldHeartbeats(d: Engine, planIds: readonly number[], cutoff: number): Promise<number> {
  const row = await d.get<{ n: number }>(`SELECT count(*) AS n FROM heartbeats h WHERE h.received_at < @cutoff AND ${HELD_HEARTBEAT_SQL(d)}`, { cutoff, held_plans: JSON.stringify(planIds) });
  return row!.n;
}

/**
 * Rolls the heartbeats received before `cutoff` that no held plan keeps into one row per
 * learner, lesson and UTC day (`heartbeat_daily`, added to a day already rolled up), then deletes
 * them (after `markHeldPairs`, in the same transaction). Returns the heartbeats removed and the
 * day rows written.
 */
export async function rollUpOldHeartbeats(d: Engine, heldPlanIds: readonly number[], cutoff: number): Promise<{ rolledUp: number; days: number }> {
  const params = { cutoff, held_plans: JSON.stringify(heldPlanIds) };
  const old = `h.received_at < @cutoff AND NOT ${HELD_HEARTBEAT_SQL(d)}`;
  const summary = await d.run(
    `INSERT INTO heartbeat_daily (user_id, course_slug, lesson_slug, day, beats, credited_seconds)
       SELECT user_id, course_slug, lesson_slug, ${utcDayOf(d, "received_at")}, count(*), sum(credited_seconds)
         FROM heartbeats h WHERE ${old}
        GROUP BY 1, 2, 3, 4
       ON CONFLICT (user_id, course_slug, lesson_slug, day) DO UPDATE
         SET beats = heartbeat_daily.beats + excluded.beats, credited_seconds = heartbeat_daily.credited_seconds + excluded.credited_seconds`,
    params,
  );
  const deleted = await d.run(`DELETE FROM heartbeats AS h WHERE ${old}`, params);
  return { rolledUp: deleted.changes, days: summary.changes };
}

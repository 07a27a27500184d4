import "server-only";
import type { Engine } from "../engine/types";

/**
 * A learner's cycles of a course. Cycle 1 is the enrolment itself; each recertification opens
 * the next (`enrolment_cycles`). Evidence rows (lesson progress, quiz attempts, completions)
 * carry their cycle, so a new cycle starts from nothing and never touches an earlier one's.
 */

/** SQL for the learner's current cycle of a course, given two SQL expressions for the user id and the course slug. */
export function currentCycleSql(user: string, course: string): string {
  return `(SELECT coalesce(max(ec.cycle), 1) FROM enrolment_cycles ec WHERE ec.user_id = ${user} AND ec.course_slug = ${course})`;
}

export async function currentCycle(d: Engine, userId: number, courseSlug: string): Promise<number> {
  return (await d.get<{ c: number }>(`SELECT ${currentCycleSql("@user", "@course")} AS c`, { user: userId, course: courseSlug }))!.c;
}

export type CycleInfo = {
  cycle: number;
  /** The plan the cycle belongs to (null: no plan). */
  planId: number | null;
  /** `YYYY-MM-DD`, or null. */
  dueDate: string | null;
};

// Both from the enrolments in one statement: it runs on every heartbeat of a plan with presence checks.
const FIRST_CYCLE = `SELECT
  (SELECT plan_id FROM effective_enrolments WHERE user_id = @user AND course_slug = @course ORDER BY coalesce(rule_id, 0) LIMIT 1) AS plan_id,
  (SELECT min(nullif(due_date, '')) FROM effective_enrolments WHERE user_id = @user AND course_slug = @course) AS due`;

/**
 * The learner's current cycle, its plan and due date: a later cycle's from its row; the first
 * cycle's from the enrolments (a named enrolment before any rule, then the oldest rule), with
 * the earliest due date among them.
 */
export async function currentCycleInfo(d: Engine, userId: number, courseSlug: string): Promise<CycleInfo> {
  const later = await d.get<{ cycle: number; plan_id: number | null; due_date: string | null }>(
    "SELECT cycle, plan_id, due_date FROM enrolment_cycles WHERE user_id = ? AND course_slug = ? ORDER BY cycle DESC LIMIT 1",
    [userId, courseSlug],
  );
  if (later) return { cycle: later.cycle, planId: later.plan_id, dueDate: later.due_date };
  // The named enrolment's plan (it has no rule), else the oldest rule's.
  const first = await d.get<{ plan_id: number | null; due: string | null }>(FIRST_CYCLE, { user: userId, course: courseSlug });
  return { cycle: 1, planId: first?.plan_id ?? null, dueDate: first?.due ?? null };
}

export type CycleRow = { cycle: number; planId: number | null; ruleId: number | null; openedAt: number; dueDate: string | null };

/** The cycles after the first that were opened for a learner's course, oldest first. */
export async function listOpenedCycles(d: Engine, userId: number, courseSlug: string): Promise<CycleRow[]> {
  return d.all<CycleRow>(
    `SELECT cycle, plan_id AS "planId", rule_id AS "ruleId", opened_at AS "openedAt", due_date AS "dueDate" FROM enrolment_cycles WHERE user_id = ? AND course_slug = ? ORDER BY cycle`,
    [userId, courseSlug],
  );
}

/** Opens a cycle; false when it was already open (the unique index makes a second run a no-op). */
export async function insertCycle(
  d: Engine,
  c: { userId: number; courseSlug: string; cycle: number; planId: number | null; ruleId: number | null; openedAt: Date; dueDate: string | null },
): Promise<boolean> {
  const { changes } = await d.run(
    `INSERT INTO enrolment_cycles (user_id, course_slug, cycle, plan_id, rule_id, opened_at, due_date) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (user_id, course_slug, cycle) DO NOTHING`,
    [c.userId, c.courseSlug, c.cycle, c.planId, c.ruleId, Math.floor(c.openedAt.getTime() / 1000), c.dueDate],
  );
  return changes === 1;
}

export type RecertificationCandidate = {
  userId: number;
  courseSlug: string;
  ruleId: number;
  planId: number | null;
  recurMonths: number;
  /** The current cycle, completed. */
  cycle: number;
  /** Unix seconds. */
  completedAt: number;
};

/**
 * Learners covered by a recurring rule (a campaign) whose current cycle of the course is
 * completed: each may be due a new cycle (the caller decides by the completion date). A learner
 * covered by several recurring rules for one course is listed once, for the oldest rule.
 */
export async function listRecertificationCandidates(d: Engine): Promise<RecertificationCandidate[]> {
  return d.all<RecertificationCandidate>(
      `WITH cur AS (
         SELECT e.user_id, e.course_slug, min(e.rule_id) AS rule_id
           FROM effective_enrolments e JOIN enrolment_rules r ON r.id = e.rule_id
          WHERE r.recur_months IS NOT NULL AND r.recur_months > 0
          GROUP BY e.user_id, e.course_slug)
       SELECT cur.user_id AS "userId", cur.course_slug AS "courseSlug", r.id AS "ruleId", r.plan_id AS "planId", r.recur_months AS "recurMonths",
              cc.cycle, cc.completed_at AS "completedAt"
         FROM cur
         JOIN enrolment_rules r ON r.id = cur.rule_id
         JOIN users u ON u.id = cur.user_id AND u.active
         JOIN course_completions cc ON cc.user_id = cur.user_id AND cc.course_slug = cur.course_slug
          AND cc.cycle = ${currentCycleSql("cur.user_id", "cur.course_slug")}
        ORDER BY cur.user_id, cur.course_slug`,
  );
}

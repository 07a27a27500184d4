import "server-only";
import type { Engine } from "../engine/types";
import { inScopeOrUnscopedSql, NO_SCOPE_PARAMS, scopeParams, type DataScope } from "./scope";

/**
 * Reads behind the analytics pages: submitted quiz attempts of a course, with the grading
 * stored at submission, and the group (department) of the learner who made each. Only
 * submitted attempts count; nothing here is per-person output: the pages aggregate.
 */

export type AnalyticsRange = {
  /** Submitted at or after this instant. */
  from?: Date;
  /** Submitted strictly before this instant. */
  before?: Date;
};

export type GradedAttemptRow = {
  id: number;
  userId: number;
  quizId: string;
  kind: "lesson-check" | "final";
  /** Unix seconds. */
  startedAt: number;
  submittedAt: number;
  /** JSON: the per-question grading (`QuestionGrade[]`). */
  results: string | null;
  /** The learner's group for the misconceptions page, see `GROUP_SQL`; null when none. */
  groupName: string | null;
};

/**
 * How learners are grouped. Today the department is free text on the user row; when
 * departments become a tree per company, this expression (and the join below it) is the one
 * place to change.
 */
const GROUP_SQL = "NULLIF(TRIM(u.department), '')";

/**
 * Submitted attempts of `courseSlug` in `range`, oldest first (then by id): of the people of
 * `scope` (an admin's company), or of every company (null: a trainer's question statistics).
 */
export async function listGradedAttempts(d: Engine, courseSlug: string, range: AnalyticsRange = {}, scope: DataScope | null = null): Promise<GradedAttemptRow[]> {
  return d.all<GradedAttemptRow>(
    `SELECT a.id, a.user_id AS "userId", a.quiz_id AS "quizId", a.kind, a.started_at AS "startedAt", a.submitted_at AS "submittedAt",
              a.results, ${GROUP_SQL} AS "groupName"
         FROM quiz_attempts a JOIN users u ON u.id = a.user_id
        WHERE a.course_slug = @course AND a.submitted_at IS NOT NULL AND a.submitted_at >= @from AND a.submitted_at < @before
          AND ${inScopeOrUnscopedSql(d, "u")}
        ORDER BY a.submitted_at, a.id`,
    {
      course: courseSlug,
      from: range.from ? Math.floor(range.from.getTime() / 1000) : 0,
      before: range.before ? Math.floor(range.before.getTime() / 1000) : Number.MAX_SAFE_INTEGER,
      ...(scope ? scopeParams(scope) : NO_SCOPE_PARAMS),
    },
  );
}

export type ExerciseAttemptRow = {
  id: number;
  userId: number;
  exerciseId: string;
  submittedAt: number;
  /** JSON: per item `{ itemId, correct, selected }[]`. */
  results: string;
  groupName: string | null;
};

/** Submitted practice exercises of `courseSlug` in `range`, oldest first, with the learner's group. */
/** Submitted exercise attempts of `courseSlug` in `range`, of the people of `scope` (null: every company), oldest first. */
export async function listExerciseAttempts(d: Engine, courseSlug: string, range: AnalyticsRange = {}, scope: DataScope | null = null): Promise<ExerciseAttemptRow[]> {
  return d.all<ExerciseAttemptRow>(
    `SELECT e.id, e.user_id AS "userId", e.exercise_id AS "exerciseId", e.submitted_at AS "submittedAt", e.results, ${GROUP_SQL} AS "groupName"
         FROM exercise_attempts e JOIN users u ON u.id = e.user_id
        WHERE e.course_slug = @course AND e.submitted_at >= @from AND e.submitted_at < @before
          AND ${inScopeOrUnscopedSql(d, "u")}
        ORDER BY e.submitted_at, e.id`,
    {
      course: courseSlug,
      from: range.from ? Math.floor(range.from.getTime() / 1000) : 0,
      before: range.before ? Math.floor(range.before.getTime() / 1000) : Number.MAX_SAFE_INTEGER,
      ...(scope ? scopeParams(scope) : NO_SCOPE_PARAMS),
    },
  );
}

import "server-only";
import type Database from "better-sqlite3";
import type { AppDatabase } from "../open";
import { escapeLike, iterateObjects, type SqlParams as Params } from "./read-connection";

/**
 * Read-only queries behind the participants register and the course overview. Everything is
 * computed in SQLite — filters, status, sorting, pagination — so a page of 50 out of 10,000
 * learners costs one statement. Exports stream with `iterateRegister` on their own read-only
 * connection (`openReadConnection` in `./read-connection.ts`, which says why).
 */

/** What the register needs to know about a course, from the catalog. */
export type CourseParams = {
  slug: string;
  /** Planned minutes from the course file (a completion record keeps its own copy). */
  plannedMinutes: number;
  /** The final test's attempt limit, or null when the course has no final test. */
  maxAttempts: number | null;
  /** Published lesson slugs, in order. */
  lessonSlugs: readonly string[];
};

/**
 * The participant states the register computes in SQL (the rule and its pure twin:
 * `lib/reports/status.ts`, which checks at compile time that both list the same states).
 */
export type RegisterStatus = "non-iniziato" | "in-corso" | "formato" | "non-formato";

/**
 * The moment the register is computed at, with the rule values that depend on it: the
 * caller (`registerClock` in `lib/reports/register-clock.ts`) decides them, this module only
 * puts them in the SQL.
 */
export type RegisterClock = {
  /** Unix seconds. */
  nowSeconds: number;
  /** Today where the company is (`YYYY-MM-DD`): a due date before it is overdue. */
  today: string;
  /** How long after its time limit an open final-test attempt may still be submitted (it counts as open). */
  submitGraceSeconds: number;
};

export type RegisterFilter = {
  department?: string;
  status?: RegisterStatus;
  /** Completion at or after this instant. */
  completedFrom?: Date;
  /** Completion strictly before this instant. */
  completedBefore?: Date;
  /** Text search on surname, name (either order) and codice fiscale. */
  q?: string;
  userId?: number;
  /** Only rows with (1) or without (0) the overdue flag. */
  overdue?: boolean;
  /** Whom to chase: active, and not started or overdue. */
  toChase?: boolean;
};

export const REGISTER_SORT_KEYS = ["name", "fiscalCode", "department", "attended", "attendance", "firstAccess", "lastAccess", "completedAt", "score", "attempts", "status", "dueDate"] as const;
export type RegisterSortKey = (typeof REGISTER_SORT_KEYS)[number];
export type SortDirection = "asc" | "desc";

export type RegisterDbRow = {
  userId: number;
  lastName: string;
  firstName: string;
  fiscalCode: string | null;
  email: string;
  department: string | null;
  qualification: string | null;
  contractType: string | null;
  active: number;
  companyName: string | null;
  companyTaxCode: string | null;
  companyInps: string | null;
  completionId: number | null;
  /** Unix seconds. */
  completedAt: number | null;
  plannedMinutes: number;
  attendedSeconds: number;
  attendancePercent: number;
  firstAccess: number | null;
  lastAccess: number | null;
  finalScore: number | null;
  finalAttempts: number;
  finalPassed: number;
  lessonsCompleted: number;
  certificateCode: string | null;
  certificateRevokedAt: number | null;
  /** Earliest due date among the person's enrolments in the course (`YYYY-MM-DD`), or null. */
  dueDate: string | null;
  status: RegisterStatus;
  /** 1 when the due date has passed and the state is still open. */
  overdue: number;
};

/**
 * The register as a CTE. Rules (documented in `lib/reports/status.ts` and the README):
 * - participants: every active learner enrolled in the course (the `effective_enrolments`
 *   view holds learners only), plus anyone with lesson progress, a quiz attempt or a
 *   completion for it (evidence stays in the register whatever happens to the person);
 * - states: formato / non formato / non iniziato / in corso, as `participantStatus`; the
 *   overdue flag: the earliest due date is before `clock.today` and the state is still open;
 * - attended time is the completion record's `active_seconds` once completed (frozen
 *   evidence), else the sum of `lesson_progress.active_seconds`;
 * - attendance % is rounded down to one decimal, as in the completion record (the CAST
 *   matters: better-sqlite3 binds JS numbers as REAL, which would make the division exact);
 * - first access = first lesson opened; last access = latest of lesson opened, completed,
 *   last credited heartbeat, quiz attempt started/submitted, course completed;
 * - final score = the passing attempt's score, else the best submitted one;
 *   attempts = submitted final-test attempts.
 */
const REGISTER_CTE = `
WITH
lp AS (
  SELECT user_id,
         sum(active_seconds) AS active_seconds,
         min(first_opened_at) AS first_opened_at,
         max(max(first_opened_at, coalesce(completed_at, 0), coalesce(last_heartbeat_at, 0))) AS last_at,
         sum(completed_at IS NOT NULL AND lesson_slug IN (SELECT value FROM json_each(@lessons))) AS lessons_completed
    FROM lesson_progress WHERE course_slug = @course GROUP BY user_id
),
qa AS (
  SELECT user_id,
         sum(kind = 'final') AS final_used,
         sum(kind = 'final' AND submitted_at IS NOT NULL) AS final_submitted,
         sum(kind = 'final' AND submitted_at IS NULL AND (expires_at IS NULL OR expires_at + @grace > @now)) AS final_open,
         max(CASE WHEN kind = 'final' AND passed = 1 THEN score_percent END) AS passed_score,
         max(CASE WHEN kind = 'final' AND submitted_at IS NOT NULL THEN score_percent END) AS best_score,
         max(max(started_at, coalesce(submitted_at, 0))) AS last_at
    FROM quiz_attempts WHERE course_slug = @course GROUP BY user_id
),
cc AS (SELECT * FROM course_completions WHERE course_slug = @course),
en AS (SELECT user_id, min(nullif(due_date, '')) AS due_date FROM effective_enrolments WHERE course_slug = @course GROUP BY user_id),
p AS (
  SELECT user_id FROM lp UNION SELECT user_id FROM qa UNION SELECT user_id FROM cc
  UNION SELECT en.user_id FROM en JOIN users ua ON ua.id = en.user_id AND ua.active = 1
),
b0 AS (
  SELECT u.id AS userId, u.last_name AS lastName, u.first_name AS firstName, u.fiscal_code AS fiscalCode, u.email,
         u.department, u.qualification, u.contract_type AS contractType, u.active,
         co.name AS companyName, co.tax_code AS companyTaxCode, co.inps_number AS companyInps,
         cc.id AS completionId, cc.completed_at AS completedAt,
         coalesce(cc.planned_minutes, @planned) AS plannedMinutes,
         coalesce(cc.active_seconds, lp.active_seconds, 0) AS attendedSeconds,
         CASE WHEN cc.id IS NOT NULL THEN cc.attendance_percent
              WHEN @planned > 0 THEN CAST(coalesce(lp.active_seconds, 0) * 1000 / (@planned * 60) AS INTEGER) / 10.0
              ELSE 0 END AS attendancePercent,
         lp.first_opened_at AS firstAccess,
         nullif(max(coalesce(lp.last_at, 0), coalesce(qa.last_at, 0), coalesce(cc.completed_at, 0)), 0) AS lastAccess,
         CASE WHEN cc.id IS NOT NULL THEN coalesce(cc.final_score_percent, qa.passed_score, qa.best_score)
              ELSE coalesce(qa.passed_score, qa.best_score) END AS finalScore,
         coalesce(qa.final_submitted, 0) AS finalAttempts,
         (qa.passed_score IS NOT NULL) AS finalPassed,
         coalesce(lp.lessons_completed, 0) AS lessonsCompleted,
         cert.code AS certificateCode, cert.revoked_at AS certificateRevokedAt,
         en.due_date AS dueDate,
         CASE WHEN cc.id IS NOT NULL THEN 'formato'
              WHEN u.active = 0 THEN 'non-formato'
              WHEN @max_attempts IS NOT NULL AND coalesce(qa.final_used, 0) >= @max_attempts
                   AND qa.passed_score IS NULL AND coalesce(qa.final_open, 0) = 0 THEN 'non-formato'
              WHEN lp.user_id IS NULL AND qa.user_id IS NULL THEN 'non-iniziato'
              ELSE 'in-corso' END AS status
    FROM p
    JOIN users u ON u.id = p.user_id
    LEFT JOIN companies co ON co.id = u.company_id
    LEFT JOIN lp ON lp.user_id = p.user_id
    LEFT JOIN qa ON qa.user_id = p.user_id
    LEFT JOIN cc ON cc.user_id = p.user_id
    LEFT JOIN en ON en.user_id = p.user_id
    LEFT JOIN certificates cert ON cert.completion_id = cc.id
),
base AS (
  SELECT b0.*, (status IN ('non-iniziato', 'in-corso') AND dueDate IS NOT NULL AND dueDate < @today) AS overdue FROM b0
)`;

const SORT_SQL: Record<RegisterSortKey, string> = {
  name: "lastName COLLATE NOCASE %DIR%, firstName COLLATE NOCASE %DIR%",
  fiscalCode: "fiscalCode IS NULL, fiscalCode %DIR%",
  department: "department IS NULL, department COLLATE NOCASE %DIR%",
  attended: "attendedSeconds %DIR%",
  attendance: "attendancePercent %DIR%",
  firstAccess: "firstAccess IS NULL, firstAccess %DIR%",
  lastAccess: "lastAccess IS NULL, lastAccess %DIR%",
  completedAt: "completedAt IS NULL, completedAt %DIR%",
  score: "finalScore IS NULL, finalScore %DIR%",
  attempts: "finalAttempts %DIR%",
  status: "CASE status WHEN 'non-iniziato' THEN 0 WHEN 'in-corso' THEN 1 WHEN 'formato' THEN 2 ELSE 3 END %DIR%",
  dueDate: "dueDate IS NULL, dueDate %DIR%",
};

function registerParams(course: CourseParams, clock: RegisterClock): Params {
  return {
    course: course.slug,
    lessons: JSON.stringify(course.lessonSlugs),
    planned: Math.max(0, Math.round(course.plannedMinutes)),
    max_attempts: course.maxAttempts,
    grace: clock.submitGraceSeconds,
    now: clock.nowSeconds,
    today: clock.today,
  };
}

function registerWhere(filter: RegisterFilter, params: Params): string {
  const clauses: string[] = [];
  if (filter.department) {
    clauses.push("department = @department");
    params.department = filter.department;
  }
  if (filter.status) {
    clauses.push("status = @status");
    params.status = filter.status;
  }
  if (filter.completedFrom) {
    clauses.push("completedAt >= @completed_from");
    params.completed_from = Math.floor(filter.completedFrom.getTime() / 1000);
  }
  if (filter.completedBefore) {
    clauses.push("completedAt < @completed_before");
    params.completed_before = Math.floor(filter.completedBefore.getTime() / 1000);
  }
  if (filter.userId !== undefined) {
    clauses.push("userId = @user_id");
    params.user_id = filter.userId;
  }
  if (filter.overdue !== undefined) clauses.push(filter.overdue ? "overdue = 1" : "overdue = 0");
  if (filter.toChase) clauses.push("active = 1 AND (status = 'non-iniziato' OR overdue = 1)");
  const q = filter.q?.trim();
  if (q) {
    clauses.push(
      `(lastName LIKE @q ESCAPE '\\' OR firstName LIKE @q ESCAPE '\\' OR fiscalCode LIKE @q ESCAPE '\\'
        OR (lastName || ' ' || firstName) LIKE @q ESCAPE '\\' OR (firstName || ' ' || lastName) LIKE @q ESCAPE '\\')`,
    );
    params.q = `%${escapeLike(q)}%`;
  }
  return clauses.length ? `WHERE ${clauses.join(" AND ")}` : "";
}

function orderBy(sort: { key: RegisterSortKey; dir: SortDirection }): string {
  const dir = sort.dir === "desc" ? "DESC" : "ASC";
  const primary = SORT_SQL[sort.key].replaceAll("%DIR%", dir);
  return `ORDER BY ${primary}, lastName COLLATE NOCASE, firstName COLLATE NOCASE, userId`;
}

export type RegisterQuery = { course: CourseParams; filter?: RegisterFilter; sort?: { key: RegisterSortKey; dir: SortDirection }; clock: RegisterClock };

function registerStatement(q: RegisterQuery, tail: string): { sql: string; params: Params } {
  const params = registerParams(q.course, q.clock);
  const where = registerWhere(q.filter ?? {}, params);
  return { sql: `${REGISTER_CTE} SELECT * FROM base ${where} ${orderBy(q.sort ?? { key: "name", dir: "asc" })} ${tail}`, params };
}

/** One page of the register, with the number of rows matching the filters. */
export function listRegisterPage(d: AppDatabase, q: RegisterQuery & { page: number; pageSize: number }): { rows: RegisterDbRow[]; total: number } {
  const { sql, params } = registerStatement(q, "LIMIT @limit OFFSET @offset");
  // The window count is taken before LIMIT: one statement gives the page and the total.
  const counted = sql.replace("SELECT * FROM base", "SELECT *, count(*) OVER () AS total FROM base");
  const rows = d.sqlite.prepare(counted).all({ ...params, limit: q.pageSize, offset: (Math.max(1, q.page) - 1) * q.pageSize }) as (RegisterDbRow & { total: number })[];
  if (rows.length) return { rows, total: rows[0]!.total };
  return { rows: [], total: countRegister(d, q) };
}

/** The ids of the course's participants in one state (e.g. whom a reminder must skip). */
export function listParticipantIds(d: AppDatabase, course: CourseParams, status: RegisterStatus, clock: RegisterClock): number[] {
  const params = registerParams(course, clock);
  params.status = status;
  return (d.sqlite.prepare(`${REGISTER_CTE} SELECT userId FROM base WHERE status = @status`).all(params) as { userId: number }[]).map((r) => r.userId);
}

export function countRegister(d: AppDatabase, q: RegisterQuery): number {
  const params = registerParams(q.course, q.clock);
  const where = registerWhere(q.filter ?? {}, params);
  return (d.sqlite.prepare(`${REGISTER_CTE} SELECT count(*) AS n FROM base ${where}`).get(params) as { n: number }).n;
}

/** Every matching row, lazily, on the given connection (use `openReadConnection` for exports). */
export function iterateRegister(conn: Database.Database, q: RegisterQuery): IterableIterator<RegisterDbRow> {
  const { sql, params } = registerStatement(q, "");
  return iterateObjects<RegisterDbRow>(conn.prepare(sql), params);
}

export type CourseOverviewCounts = {
  /** Everyone the register lists: the sum of the four states below. */
  participants: number;
  nonIniziati: number;
  inProgress: number;
  formati: number;
  nonFormati: number;
  /** A flag over "non iniziato" and "in corso": due date passed. */
  overdue: number;
  /** Learners who completed every published lesson. */
  lessonsDone: number;
  /** Learners with at least one submitted final-test attempt, and those who passed. */
  tested: number;
  passed: number;
  /** Mean of the participants' final scores (those who have one), or null. */
  averageScore: number | null;
  /** Mean attended seconds over the participants who started, or null when nobody did. */
  averageSeconds: number | null;
};

const OVERVIEW_COLUMNS = `count(*) AS participants,
              coalesce(sum(status = 'non-iniziato'), 0) AS nonIniziati,
              coalesce(sum(status = 'in-corso'), 0) AS inProgress,
              coalesce(sum(status = 'formato'), 0) AS formati,
              coalesce(sum(status = 'non-formato'), 0) AS nonFormati,
              coalesce(sum(overdue), 0) AS overdue,
              coalesce(sum(@lesson_count > 0 AND lessonsCompleted >= @lesson_count), 0) AS lessonsDone,
              coalesce(sum(finalAttempts > 0), 0) AS tested,
              coalesce(sum(finalPassed), 0) AS passed,
              avg(finalScore) AS averageScore,
              avg(CASE WHEN status != 'non-iniziato' THEN attendedSeconds END) AS averageSeconds`;

export function courseOverview(d: AppDatabase, course: CourseParams, clock: RegisterClock): CourseOverviewCounts {
  const params = registerParams(course, clock);
  params.lesson_count = course.lessonSlugs.length;
  return d.sqlite.prepare(`${REGISTER_CTE} SELECT ${OVERVIEW_COLUMNS} FROM base`).get(params) as CourseOverviewCounts;
}

export type DepartmentOverview = CourseOverviewCounts & { department: string | null };

/** The same counts per department (people without one together, last). */
export function courseOverviewByDepartment(d: AppDatabase, course: CourseParams, clock: RegisterClock): DepartmentOverview[] {
  const params = registerParams(course, clock);
  params.lesson_count = course.lessonSlugs.length;
  return d.sqlite
    .prepare(
      `${REGISTER_CTE} SELECT nullif(department, '') AS department, ${OVERVIEW_COLUMNS} FROM base
        GROUP BY nullif(department, '') ORDER BY department IS NULL, department COLLATE NOCASE`,
    )
    .all(params) as DepartmentOverview[];
}

/** Departments of the course's participants, for the filter. */
export function listRegisterDepartments(d: AppDatabase, course: CourseParams, clock: RegisterClock): string[] {
  const params = registerParams(course, clock);
  const rows = d.sqlite
    .prepare(`${REGISTER_CTE} SELECT DISTINCT department FROM base WHERE department IS NOT NULL AND department != '' ORDER BY department COLLATE NOCASE`)
    .all(params) as { department: string }[];
  return rows.map((r) => r.department);
}

/** Course slugs that have any learner data (courses removed from the catalog still show up in reports). */
export function listCoursesWithData(d: AppDatabase): string[] {
  const rows = d.sqlite
    .prepare(
      `SELECT course_slug FROM lesson_progress UNION SELECT course_slug FROM quiz_attempts UNION SELECT course_slug FROM course_completions ORDER BY 1`,
    )
    .all() as { course_slug: string }[];
  return rows.map((r) => r.course_slug);
}

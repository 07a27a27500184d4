import "server-only";
import type Database from "better-sqlite3";
import type { Dialect, Engine } from "../engine/types";
import { escapeLike, iterateObjects, type SqlParams as Params } from "./read-connection";
import { inScopeSql, scopeParams, type DataScope } from "./scope";
import { iterateInWorker } from "../read-worker";
import { readAll, readFirst, runAsync, runInWorker, type ReadPlan } from "./read-plan";
import { ignoringCase, jsonArrayValues, largerOf, likeIgnoringCase, perDialect } from "../engine/dialect-sql";

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
  /** Only the participations of one plan of the company, or of none ("none"). */
  plan?: number | "none";
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
  /** The learner's cycle of the course this row is about (1, then one per recertification). */
  cycle: number;
  /** The plan the participation belongs to, and its references (null: no plan). */
  planId: number | null;
  planFund: string | null;
  planTitle: string | null;
  planAvviso: string | null;
  planProtocol: string | null;
  planCup: string | null;
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
  certificateExpiresAt: number | null;
  /** Earliest due date among the person's enrolments in the course (`YYYY-MM-DD`), or null. */
  dueDate: string | null;
  status: RegisterStatus;
  /** 1 when the due date has passed and the state is still open. */
  overdue: number;
};

/**
 * The register as a CTE: one row per participation — a person's cycle of the course (one row per
 * person until a recertification opens a second cycle). Rules (documented in
 * `lib/reports/status.ts` and the README):
 * - scope: only people of the scope's company (and departments), `@scope_company`/`@scope_departments`;
 *   a scope limited to one plan (`@scope_plan`, an inspector's) keeps only that plan's participations;
 * - participants: every active learner enrolled in the course (the `effective_enrolments`
 *   view holds learners only), in their current cycle, plus every cycle with lesson progress, a
 *   quiz attempt, a completion or an opened cycle row for it (evidence stays in the register
 *   whatever happens to the person);
 * - plan: a completed cycle's plan is frozen in its completion; a later cycle's is its row's; an
 *   open first cycle's is the enrolment's (named enrolment first, then the oldest rule);
 * - states: formato / non formato / non iniziato / in corso, as `participantStatus`; the
 *   overdue flag: the cycle's due date (the first cycle: the earliest among the enrolments) is
 *   before `clock.today` and the state is still open;
 * - attended time is the completion record's `active_seconds` once completed (frozen
 *   evidence), else the sum of `lesson_progress.active_seconds` of the cycle;
 * - attendance % is rounded down to one decimal, as in the completion record (the CAST
 *   matters: better-sqlite3 binds JS numbers as REAL, which would make the division exact);
 * - first access = first lesson opened; last access = latest of lesson opened, completed,
 *   last credited heartbeat, quiz attempt started/submitted, course completed;
 * - final score = the passing attempt's score, else the best submitted one;
 *   attempts = submitted final-test attempts.
 */
const REGISTER_CTE = perDialect((dialect) => registerCte(dialect, ""));

/**
 * The register's CTE. `only` narrows every per-user source to some users (`listRegisterPage`'s
 * page-only plan): each row is computed from that user's own records, so a narrowed row is the row.
 */
function registerCte(on: Dialect, only: string): string {
  return `
WITH
cur AS (SELECT user_id, max(cycle) AS cycle FROM enrolment_cycles WHERE course_slug = @course${only} GROUP BY user_id),
ecy AS (SELECT user_id, cycle, plan_id, due_date FROM enrolment_cycles WHERE course_slug = @course${only}),
lp AS (
  SELECT user_id, cycle,
         -- An integer on both engines (PostgreSQL sums bigints as numeric), so the percentage below truncates.
         CAST(sum(active_seconds) AS BIGINT) AS active_seconds,
         min(first_opened_at) AS first_opened_at,
         max(${largerOf(on, "first_opened_at", "coalesce(completed_at, 0)", "coalesce(last_heartbeat_at, 0)")}) AS last_at,
         sum(CASE WHEN completed_at IS NOT NULL AND lesson_slug IN ${jsonArrayValues(on, "@lessons", "text")} THEN 1 ELSE 0 END) AS lessons_completed
    FROM lesson_progress WHERE course_slug = @course${only} GROUP BY user_id, cycle
),
qa AS (
  SELECT user_id, cycle,
         sum(CASE WHEN kind = 'final' THEN 1 ELSE 0 END) AS final_used,
         sum(CASE WHEN kind = 'final' AND submitted_at IS NOT NULL THEN 1 ELSE 0 END) AS final_submitted,
         sum(CASE WHEN kind = 'final' AND submitted_at IS NULL AND (expires_at IS NULL OR expires_at + @grace > @now) THEN 1 ELSE 0 END) AS final_open,
         max(CASE WHEN kind = 'final' AND passed THEN score_percent END) AS passed_score,
         max(CASE WHEN kind = 'final' AND submitted_at IS NOT NULL THEN score_percent END) AS best_score,
         max(${largerOf(on, "started_at", "coalesce(submitted_at, 0)")}) AS last_at
    FROM quiz_attempts WHERE course_slug = @course${only} GROUP BY user_id, cycle
),
cc AS (SELECT * FROM course_completions WHERE course_slug = @course${only}),
en AS (SELECT user_id, min(nullif(due_date, '')) AS due_date FROM effective_enrolments WHERE course_slug = @course${only} GROUP BY user_id),
enp AS (
  SELECT user_id, plan_id FROM (
    SELECT user_id, plan_id, row_number() OVER (PARTITION BY user_id ORDER BY coalesce(rule_id, 0)) AS nth
      FROM effective_enrolments WHERE course_slug = @course${only}) ranked
   WHERE nth = 1
),
p AS (
  SELECT user_id, cycle FROM lp UNION SELECT user_id, cycle FROM qa UNION SELECT user_id, cycle FROM cc UNION SELECT user_id, cycle FROM ecy
  UNION SELECT en.user_id, coalesce(cur.cycle, 1) FROM en JOIN users ua ON ua.id = en.user_id AND ua.active LEFT JOIN cur ON cur.user_id = en.user_id
),
b0 AS (
  SELECT u.id AS "userId", u.last_name AS "lastName", u.first_name AS "firstName", u.fiscal_code AS "fiscalCode", u.email,
         u.department, u.qualification, u.contract_type AS "contractType", u.active,
         co.name AS "companyName", co.tax_code AS "companyTaxCode", co.inps_number AS "companyInps",
         p.cycle,
         CASE WHEN cc.id IS NOT NULL THEN cc.plan_id WHEN p.cycle > 1 THEN ecy.plan_id ELSE enp.plan_id END AS "planId",
         cc.id AS "completionId", cc.completed_at AS "completedAt",
         coalesce(cc.planned_minutes, @planned) AS "plannedMinutes",
         coalesce(cc.active_seconds, lp.active_seconds, 0) AS "attendedSeconds",
         CASE WHEN cc.id IS NOT NULL THEN cc.attendance_percent
              WHEN @planned > 0 THEN CAST(coalesce(lp.active_seconds, 0) * 1000 / (@planned * 60) AS INTEGER) / 10.0
              ELSE 0 END AS "attendancePercent",
         lp.first_opened_at AS "firstAccess",
         nullif(${largerOf(on, "coalesce(lp.last_at, 0)", "coalesce(qa.last_at, 0)", "coalesce(cc.completed_at, 0)")}, 0) AS "lastAccess",
         CASE WHEN cc.id IS NOT NULL THEN coalesce(cc.final_score_percent, qa.passed_score, qa.best_score)
              ELSE coalesce(qa.passed_score, qa.best_score) END AS "finalScore",
         coalesce(qa.final_submitted, 0) AS "finalAttempts",
         CASE WHEN qa.passed_score IS NOT NULL THEN 1 ELSE 0 END AS "finalPassed",
         coalesce(lp.lessons_completed, 0) AS "lessonsCompleted",
         cert.code AS "certificateCode", cert.revoked_at AS "certificateRevokedAt", cert.expires_at AS "certificateExpiresAt",
         CASE WHEN p.cycle > 1 THEN ecy.due_date ELSE en.due_date END AS "dueDate",
         CASE WHEN cc.id IS NOT NULL THEN 'formato'
              WHEN NOT u.active THEN 'non-formato'
              WHEN p.cycle < coalesce(cur.cycle, 1) THEN 'non-formato'
              WHEN CAST(@max_attempts AS BIGINT) IS NOT NULL AND coalesce(qa.final_used, 0) >= @max_attempts
                   AND qa.passed_score IS NULL AND coalesce(qa.final_open, 0) = 0 THEN 'non-formato'
              WHEN lp.user_id IS NULL AND qa.user_id IS NULL THEN 'non-iniziato'
              ELSE 'in-corso' END AS status
    FROM p
    JOIN users u ON u.id = p.user_id AND ${inScopeSql(on, "u")}
    LEFT JOIN companies co ON co.id = u.company_id
    LEFT JOIN cur ON cur.user_id = p.user_id
    LEFT JOIN lp ON lp.user_id = p.user_id AND lp.cycle = p.cycle
    LEFT JOIN qa ON qa.user_id = p.user_id AND qa.cycle = p.cycle
    LEFT JOIN cc ON cc.user_id = p.user_id AND cc.cycle = p.cycle
    LEFT JOIN ecy ON ecy.user_id = p.user_id AND ecy.cycle = p.cycle
    LEFT JOIN en ON en.user_id = p.user_id
    LEFT JOIN enp ON enp.user_id = p.user_id
    LEFT JOIN certificates cert ON cert.completion_id = cc.id
),
base AS (
  SELECT b0.*, CASE WHEN status IN ('non-iniziato', 'in-corso') AND "dueDate" IS NOT NULL AND "dueDate" < @today THEN 1 ELSE 0 END AS overdue,
         fp.fund AS "planFund", fp.title AS "planTitle", fp.avviso AS "planAvviso", fp.protocol AS "planProtocol", fp.cup AS "planCup"
    FROM b0 LEFT JOIN funding_plans fp ON fp.id = b0."planId"
   WHERE CAST(@scope_plan AS BIGINT) IS NULL OR b0."planId" = @scope_plan
)`;
}

/**
 * The register's participations (its `p`, by the same rules, in the same scope) with the
 * columns of the person that need no aggregate: enough to filter by person and sort by name,
 * codice fiscale or department without computing anyone's register row.
 */
const PEOPLE_CTE = perDialect(
  (dialect) => `
WITH
cur AS (SELECT user_id, max(cycle) AS cycle FROM enrolment_cycles WHERE course_slug = @course GROUP BY user_id),
en AS (SELECT DISTINCT user_id FROM effective_enrolments WHERE course_slug = @course),
p AS (
  SELECT user_id, cycle FROM lesson_progress WHERE course_slug = @course
  UNION SELECT user_id, cycle FROM quiz_attempts WHERE course_slug = @course
  UNION SELECT user_id, cycle FROM course_completions WHERE course_slug = @course
  UNION SELECT user_id, cycle FROM enrolment_cycles WHERE course_slug = @course
  UNION SELECT en.user_id, coalesce(cur.cycle, 1) FROM en JOIN users ua ON ua.id = en.user_id AND ua.active LEFT JOIN cur ON cur.user_id = en.user_id
),
people AS (
  SELECT u.id AS "userId", p.cycle, u.last_name AS "lastName", u.first_name AS "firstName", u.fiscal_code AS "fiscalCode", u.department, u.active
    FROM p JOIN users u ON u.id = p.user_id AND ${inScopeSql(dialect, "u")}
)`,
);

const PERSON_SORTS: ReadonlySet<RegisterSortKey> = new Set(["name", "fiscalCode", "department"]);

/** Filters and a sort that read only the person's own columns (PEOPLE_CTE): the plan depends on the cycle's records, so it is not one. */
function personalOnly(q: RegisterQuery): boolean {
  const f = q.filter ?? {};
  return PERSON_SORTS.has(q.sort?.key ?? "name") && f.plan === undefined && !f.status && !f.completedFrom && !f.completedBefore && f.overdue === undefined && !f.toChase;
}

const SORT_SQL = (on: Dialect): Record<RegisterSortKey, string> => ({
  name: `${ignoringCase(on, '"lastName"')} %DIR%, ${ignoringCase(on, '"firstName"')} %DIR%`,
  fiscalCode: `"fiscalCode" IS NULL, "fiscalCode" %DIR%`,
  department: `department IS NULL, ${ignoringCase(on, "department")} %DIR%`,
  attended: `"attendedSeconds" %DIR%`,
  attendance: `"attendancePercent" %DIR%`,
  firstAccess: `"firstAccess" IS NULL, "firstAccess" %DIR%`,
  lastAccess: `"lastAccess" IS NULL, "lastAccess" %DIR%`,
  completedAt: `"completedAt" IS NULL, "completedAt" %DIR%`,
  score: `"finalScore" IS NULL, "finalScore" %DIR%`,
  attempts: `"finalAttempts" %DIR%`,
  status: "CASE status WHEN 'non-iniziato' THEN 0 WHEN 'in-corso' THEN 1 WHEN 'formato' THEN 2 ELSE 3 END %DIR%",
  dueDate: `"dueDate" IS NULL, "dueDate" %DIR%`,
});

/** The register's view of one course for one scope. */
export type RegisterSource = { course: CourseParams; scope: DataScope };

function registerParams(course: CourseParams, scope: DataScope, clock: RegisterClock): Params {
  return {
    ...scopeParams(scope),
    course: course.slug,
    lessons: JSON.stringify(course.lessonSlugs),
    planned: Math.max(0, Math.round(course.plannedMinutes)),
    max_attempts: course.maxAttempts,
    grace: clock.submitGraceSeconds,
    now: clock.nowSeconds,
    today: clock.today,
  };
}

function registerWhere(on: Dialect, filter: RegisterFilter, params: Params): string {
  const clauses: string[] = [];
  if (filter.plan === "none") clauses.push(`"planId" IS NULL`);
  else if (filter.plan !== undefined) {
    clauses.push(`"planId" = @plan_id`);
    params.plan_id = filter.plan;
  }
  if (filter.department) {
    clauses.push("department = @department");
    params.department = filter.department;
  }
  if (filter.status) {
    clauses.push("status = @status");
    params.status = filter.status;
  }
  if (filter.completedFrom) {
    clauses.push(`"completedAt" >= @completed_from`);
    params.completed_from = Math.floor(filter.completedFrom.getTime() / 1000);
  }
  if (filter.completedBefore) {
    clauses.push(`"completedAt" < @completed_before`);
    params.completed_before = Math.floor(filter.completedBefore.getTime() / 1000);
  }
  if (filter.userId !== undefined) {
    clauses.push(`"userId" = @user_id`);
    params.user_id = filter.userId;
  }
  if (filter.overdue !== undefined) clauses.push(filter.overdue ? "overdue = 1" : "overdue = 0");
  if (filter.toChase) clauses.push("active AND (status = 'non-iniziato' OR overdue = 1)");
  const q = filter.q?.trim();
  if (q) {
    const like = `${likeIgnoringCase(on)} @q ESCAPE '\\'`;
    clauses.push(
      `("lastName" ${like} OR "firstName" ${like} OR "fiscalCode" ${like}
        OR ("lastName" || ' ' || "firstName") ${like} OR ("firstName" || ' ' || "lastName") ${like})`,
    );
    params.q = `%${escapeLike(q)}%`;
  }
  return clauses.length ? `WHERE ${clauses.join(" AND ")}` : "";
}

function orderBy(on: Dialect, sort: { key: RegisterSortKey; dir: SortDirection }): string {
  const dir = sort.dir === "desc" ? "DESC" : "ASC";
  const primary = SORT_SQL(on)[sort.key].replaceAll("%DIR%", dir);
  return `ORDER BY ${primary}, ${ignoringCase(on, '"lastName"')}, ${ignoringCase(on, '"firstName"')}, "userId", cycle`;
}

export type RegisterQuery = { course: CourseParams; scope: DataScope; filter?: RegisterFilter; sort?: { key: RegisterSortKey; dir: SortDirection }; clock: RegisterClock };

function registerStatement(on: Dialect, q: RegisterQuery, tail: string): { sql: string; params: Params } {
  const params = registerParams(q.course, q.scope, q.clock);
  const where = registerWhere(on, q.filter ?? {}, params);
  return { sql: `${REGISTER_CTE(on)} SELECT * FROM base ${where} ${orderBy(on, q.sort ?? { key: "name", dir: "asc" })} ${tail}`, params };
}

export type RegisterPageQuery = RegisterQuery & { page: number; pageSize: number };
export type RegisterPage = { rows: RegisterDbRow[]; total: number };

/**
 * One page of the register, with the number of rows matching the filters.
 *
 * When the filters and the sort read only the person (the admin's default view: everyone, by
 * name), the page's participations are chosen from PEOPLE_CTE and only their rows are computed
 * (10,000 learners: the whole register cost ~150 ms, the page a few). Otherwise, or with
 * `plan: "whole"` (a test proves both plans agree), the whole register is computed and cut.
 */
export async function listRegisterPage(d: Engine, q: RegisterPageQuery & { plan?: "auto" | "whole" }): Promise<RegisterPage> {
  return runAsync(d, registerPage(d.dialect, q));
}

/**
 * The same page as {@link listRegisterPage}, for a server answering other people meanwhile:
 * every statement is read on the worker thread (db/read-worker.ts), so a view that needs the
 * whole register computed (a sort or filter on training records, a plan) does not hold up
 * every learner's request — nor does ordering 30,000 people by name on the personal path.
 */
export function readRegisterPage(d: Engine, q: RegisterPageQuery): Promise<RegisterPage> {
  return runInWorker(d, registerPage(d.dialect, q));
}

/** The page's statements, for either reader (db/queries/read-plan.ts). */
function* registerPage(on: Dialect, q: RegisterPageQuery & { plan?: "auto" | "whole" }): ReadPlan<RegisterPage> {
  const limits = { limit: q.pageSize, offset: (Math.max(1, q.page) - 1) * q.pageSize };
  return q.plan !== "whole" && personalOnly(q) ? yield* personalPage(on, q, limits) : yield* wholePage(on, q, limits);
}

/** The whole register computed and cut. */
function* wholePage(on: Dialect, q: RegisterQuery, limits: { limit: number; offset: number }): ReadPlan<RegisterPage> {
  const { sql, params } = registerStatement(on, q, "LIMIT @limit OFFSET @offset");
  // The window count is taken before LIMIT: one statement gives the page and the total.
  const counted = sql.replace("SELECT * FROM base", "SELECT *, count(*) OVER () AS total FROM base");
  const rows = yield* readAll<RegisterDbRow & { total: number }>(counted, { ...params, ...limits });
  if (!rows.length) return { rows: [], total: yield* registerCount(on, q) };
  const total = rows[0]!.total;
  // The count rides on every row; the rows leave without it.
  for (const row of rows) delete (row as Partial<typeof row>).total;
  return { rows, total };
}

/** The page's people chosen from PEOPLE_CTE (with the total), then only their rows computed. */
function* personalPage(on: Dialect, q: RegisterQuery, limits: { limit: number; offset: number }): ReadPlan<RegisterPage> {
  const params = registerParams(q.course, q.scope, q.clock);
  const where = registerWhere(on, q.filter ?? {}, params);
  const order = orderBy(on, q.sort ?? { key: "name", dir: "asc" });
  const page = yield* readAll<{ userId: number; cycle: number; total: number }>(
    `${PEOPLE_CTE(on)} SELECT "userId", cycle, count(*) OVER () AS total FROM people ${where} ${order} LIMIT @limit OFFSET @offset`,
    { ...params, ...limits },
  );
  if (!page.length) return { rows: [], total: (yield* readFirst<{ n: number }>(`${PEOPLE_CTE(on)} SELECT count(*) AS n FROM people ${where}`, params))!.n };
  const wanted = new Set(page.map((r) => `${r.userId}:${r.cycle}`));
  const rows = yield* readAll<RegisterDbRow>(`${registerCte(on, ` AND user_id IN ${jsonArrayValues(on, "@ids", "integer")}`)} SELECT * FROM base ${where} ${order}`, {
    ...params,
    ids: JSON.stringify([...new Set(page.map((r) => r.userId))]),
  });
  return { rows: rows.filter((r) => wanted.has(`${r.userId}:${r.cycle}`)), total: page[0]!.total };
}

/** The ids of the course's participants whose current cycle is in one state (e.g. whom a reminder must skip). */
export async function listParticipantIds(d: Engine, src: RegisterSource, status: RegisterStatus, clock: RegisterClock): Promise<number[]> {
  const params = registerParams(src.course, src.scope, clock);
  params.status = status;
  const rows = await d.all<{ userId: number }>(
    `${REGISTER_CTE(d)} SELECT "userId" FROM base WHERE status = @status
       AND cycle = (SELECT coalesce(max(c.cycle), 1) FROM enrolment_cycles c WHERE c.user_id = base."userId" AND c.course_slug = @course)`,
    params,
  );
  return rows.map((r) => r.userId);
}

function* registerCount(on: Dialect, q: RegisterQuery): ReadPlan<number> {
  const params = registerParams(q.course, q.scope, q.clock);
  const where = registerWhere(on, q.filter ?? {}, params);
  return (yield* readFirst<{ n: number }>(`${REGISTER_CTE(on)} SELECT count(*) AS n FROM base ${where}`, params))!.n;
}

export async function countRegister(d: Engine, q: RegisterQuery): Promise<number> {
  return runAsync(d, registerCount(d.dialect, q));
}

/**
 * Every matching row, a batch at a time, read on the worker thread (db/read-worker.ts): the
 * register export. The first row needs the whole register computed (~1 s for 30,000 people),
 * which held every learner's request when it ran on the server's thread.
 */
export function streamRegister(d: Engine, q: RegisterQuery): AsyncIterableIterator<RegisterDbRow> {
  const { sql, params } = registerStatement(d.dialect, q, "");
  return iterateInWorker<RegisterDbRow>(d, sql, params);
}

/** Every matching row, in the caller's transaction if any (the dossier: a plan's participations, read with the rest of its evidence). */
export async function listRegister(d: Engine, q: RegisterQuery): Promise<RegisterDbRow[]> {
  const { sql, params } = registerStatement(d.dialect, q, "");
  return d.all<RegisterDbRow>(sql, params);
}

/** Every matching row, lazily, on the given connection (use `openReadConnection` for exports). */
export function iterateRegister(conn: Database.Database, q: RegisterQuery): IterableIterator<RegisterDbRow> {
  const { sql, params } = registerStatement("sqlite", q, "");
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

/** The participant counts alone: what the count tables show, and what several overviews add up to. */
export type StateCounts = Pick<CourseOverviewCounts, "participants" | "nonIniziati" | "inProgress" | "formati" | "nonFormati" | "overdue">;

const OVERVIEW_COLUMNS = `count(*) AS participants,
              coalesce(sum(CASE WHEN status = 'non-iniziato' THEN 1 ELSE 0 END), 0) AS "nonIniziati",
              coalesce(sum(CASE WHEN status = 'in-corso' THEN 1 ELSE 0 END), 0) AS "inProgress",
              coalesce(sum(CASE WHEN status = 'formato' THEN 1 ELSE 0 END), 0) AS formati,
              coalesce(sum(CASE WHEN status = 'non-formato' THEN 1 ELSE 0 END), 0) AS "nonFormati",
              coalesce(sum(overdue), 0) AS overdue,
              coalesce(sum(CASE WHEN @lesson_count > 0 AND "lessonsCompleted" >= @lesson_count THEN 1 ELSE 0 END), 0) AS "lessonsDone",
              coalesce(sum(CASE WHEN "finalAttempts" > 0 THEN 1 ELSE 0 END), 0) AS tested,
              coalesce(sum("finalPassed"), 0) AS passed,
              avg("finalScore") AS "averageScore",
              avg(CASE WHEN status != 'non-iniziato' THEN "attendedSeconds" END) AS "averageSeconds"`;

/** The counts of the register (optionally of one plan, or of no plan). */
export async function courseOverview(d: Engine, src: RegisterSource & { plan?: number | "none" }, clock: RegisterClock): Promise<CourseOverviewCounts> {
  const params = registerParams(src.course, src.scope, clock);
  params.lesson_count = src.course.lessonSlugs.length;
  const where = registerWhere(d.dialect, { plan: src.plan }, params);
  return (await d.get<CourseOverviewCounts>(`${REGISTER_CTE(d)} SELECT ${OVERVIEW_COLUMNS} FROM base ${where}`, params))!;
}

export type PlanOverview = CourseOverviewCounts & { planId: number | null };

/** The same counts per plan of the scope's company (no plan last). */
export async function courseOverviewByPlan(d: Engine, src: RegisterSource, clock: RegisterClock): Promise<PlanOverview[]> {
  const params = registerParams(src.course, src.scope, clock);
  params.lesson_count = src.course.lessonSlugs.length;
  return d.all<PlanOverview>(`${REGISTER_CTE(d)} SELECT "planId", ${OVERVIEW_COLUMNS} FROM base GROUP BY "planId" ORDER BY "planId" IS NULL, "planId"`, params);
}

export type DepartmentOverview = CourseOverviewCounts & { department: string | null };

/** The same counts per department (people without one together, last). */
export async function courseOverviewByDepartment(d: Engine, src: RegisterSource, clock: RegisterClock): Promise<DepartmentOverview[]> {
  const params = registerParams(src.course, src.scope, clock);
  params.lesson_count = src.course.lessonSlugs.length;
  return d.all<DepartmentOverview>(
    `${REGISTER_CTE(d)} SELECT nullif(department, '') AS department, ${OVERVIEW_COLUMNS} FROM base
      GROUP BY nullif(department, '') ORDER BY nullif(department, '') IS NULL, ${ignoringCase(d, "nullif(department, '')")}`,
    params,
  );
}

/** Departments of the course's participants, for the filter. */
const DEPARTMENTS_SQL = perDialect(
  (dialect) =>
    `${PEOPLE_CTE(dialect)} SELECT department FROM people WHERE department IS NOT NULL AND department != '' GROUP BY department ORDER BY ${ignoringCase(dialect, "department")}`,
);

/** The participants' own column: PEOPLE_CTE, not the whole register (same people, same departments). */
function* registerDepartments(on: Dialect, src: RegisterSource, clock: RegisterClock): ReadPlan<string[]> {
  return (yield* readAll<{ department: string }>(DEPARTMENTS_SQL(on), registerParams(src.course, src.scope, clock))).map((r) => r.department);
}

export async function listRegisterDepartments(d: Engine, src: RegisterSource, clock: RegisterClock): Promise<string[]> {
  return runAsync(d, registerDepartments(d.dialect, src, clock));
}

/** The same, read on the worker thread (the participants page, db/read-worker.ts). */
export function readRegisterDepartments(d: Engine, src: RegisterSource, clock: RegisterClock): Promise<string[]> {
  return runInWorker(d, registerDepartments(d.dialect, src, clock));
}

/** Course slugs that have any learner data (courses removed from the catalog still show up in reports). */
export async function listCoursesWithData(d: Engine, scope: DataScope): Promise<string[]> {
  const rows = await d.all<{ course_slug: string }>(
    `SELECT x.course_slug FROM (SELECT user_id, course_slug FROM lesson_progress UNION SELECT user_id, course_slug FROM quiz_attempts UNION SELECT user_id, course_slug FROM course_completions) x
       JOIN users u ON u.id = x.user_id AND ${inScopeSql(d, "u")} GROUP BY x.course_slug ORDER BY 1`,
    scopeParams(scope),
  );
  return rows.map((r) => r.course_slug);
}

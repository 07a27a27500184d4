import "server-only";
import type { Dialect, Engine } from "../engine/types";
import { jsonArrayValues, perDialect } from "../engine/dialect-sql";

/**
 * The company data a query may touch: one company, and within it optionally only some
 * departments (a department manager's subtree) or only one funding plan (an inspector's). Built
 * from the session by lib/auth/scope.ts; queries on company data take it as a parameter, never
 * an id from the request alone.
 */
export type DataScope = { companyId: number; departments: readonly string[] | null; planId?: number | null };

/**
 * The people of a plan: enrolled in it (by name or by rule), or with a cycle or a completion
 * that belongs to it — the same participations the register attributes to the plan.
 */
const PLAN_PEOPLE_SQL = `SELECT user_id FROM effective_enrolments WHERE plan_id = @scope_plan
  UNION SELECT user_id FROM enrolment_cycles WHERE plan_id = @scope_plan
  UNION SELECT user_id FROM course_completions WHERE plan_id = @scope_plan`;

type On = Dialect | { readonly dialect: Dialect };

/** SQL condition: the user aliased `u` is inside the scope (named parameters from `scopeParams`). */
export function inScopeSql(on: On, u = "u"): string {
  // A parameter PostgreSQL first meets in `IS NULL` has no type it can infer: the CASTs give it one.
  return `(${u}.company_id = @scope_company AND (CAST(@scope_departments AS TEXT) IS NULL OR ${u}.department IN ${jsonArrayValues(on, "@scope_departments", "text")})
    AND (CAST(@scope_plan AS BIGINT) IS NULL OR ${u}.id IN (${PLAN_PEOPLE_SQL})))`;
}

/** SQL condition: no scope (NO_SCOPE_PARAMS: every company), or the user aliased `u` is inside it. */
export function inScopeOrUnscopedSql(on: On, u = "u"): string {
  return `(CAST(@scope_company AS BIGINT) IS NULL OR ${inScopeSql(on, u)})`;
}

const IN_SCOPE_USER_SQL = perDialect((dialect) => `SELECT 1 AS one FROM users u WHERE u.id = @id AND ${inScopeSql(dialect)}`);

/** The parameters of `inScopeSql` for a query that may also run without a scope (`inScopeOrUnscopedSql`). */
export const NO_SCOPE_PARAMS = { scope_company: null, scope_departments: null, scope_plan: null } as const;

export function scopeParams(s: DataScope): { scope_company: number; scope_departments: string | null; scope_plan: number | null } {
  return { scope_company: s.companyId, scope_departments: s.departments === null ? null : JSON.stringify(s.departments), scope_plan: s.planId ?? null };
}

/** Is this person inside the scope? (False for an unknown id: the two are never told apart.) */
export async function isUserInScope(d: Engine, scope: DataScope, userId: number): Promise<boolean> {
  return (await d.get(IN_SCOPE_USER_SQL(d), { id: userId, ...scopeParams(scope) })) !== undefined;
}

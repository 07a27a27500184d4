import "server-only";
import type { AppDatabase } from "../open";

/**
 * The company data a query may touch: one company, and within it optionally only some
 * departments (a department manager's subtree). Built from the session by lib/auth/scope.ts;
 * queries on company data take it as a parameter, never an id from the request alone.
 */
export type DataScope = { companyId: number; departments: readonly string[] | null };

/** SQL condition: the user aliased `u` is inside the scope (named parameters from `scopeParams`). */
export function inScopeSql(u = "u"): string {
  return `(${u}.company_id = @scope_company AND (@scope_departments IS NULL OR ${u}.department IN (SELECT value FROM json_each(@scope_departments))))`;
}

export function scopeParams(s: DataScope): { scope_company: number; scope_departments: string | null } {
  return { scope_company: s.companyId, scope_departments: s.departments === null ? null : JSON.stringify(s.departments) };
}

/** Is this person inside the scope? (False for an unknown id: the two are never told apart.) */
export function isUserInScope(d: AppDatabase, scope: DataScope, userId: number): boolean {
  return d.sqlite.prepare(`SELECT 1 FROM users u WHERE u.id = @id AND ${inScopeSql()}`).get({ id: userId, ...scopeParams(scope) }) !== undefined;
}

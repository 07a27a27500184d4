import "server-only";
import type { Engine } from "@/db/engine/types";
import { departmentSubtree } from "@/db/queries/departments";
import type { SessionPrincipal } from "./live-session";

/**
 * The company data a signed-in person may read and write, from the session alone (roles and
 * their scope in `user_roles`, the company a provider admin switched to in `auth_sessions`):
 * never from the request. Every query on company data takes one of these.
 */
export type CompanyScope = {
  companyId: number;
  /** Department names the scope is limited to (a department manager's subtree); null: the whole company. */
  departments: readonly string[] | null;
  /**
   * The one funding plan the scope is limited to (an inspector's grant); null: every plan. Plan
   * lookups answer any other plan "not found", and registers, reports and people lists keep only
   * that plan's participations and participants (db/queries/scope.ts, db/queries/plans.ts).
   */
  planId: number | null;
  /** The role the scope comes from. */
  via: "provider_admin" | "company_admin" | "department_manager" | "inspector";
};

/**
 * Provider admins work in the company they switched to (else their own, else the first);
 * company admins in theirs; department managers in their department and those under it.
 * An inspector reads the one plan of their grant (expired grants never reach here: see
 * db/queries/auth.ts). Null for everyone else (trainers and learners read no company data), and for a provider admin
 * of an installation without companies yet.
 */
export async function resolveScope(d: Engine, user: SessionPrincipal): Promise<CompanyScope | null> {
  const grant = (role: CompanyScope["via"]) => user.grants.find((g) => g.role === role);
  if (grant("provider_admin")) {
    const companyId = user.sessionCompanyId ?? user.companyId ?? user.firstCompanyId;
    return companyId === null ? null : { companyId, departments: null, planId: null, via: "provider_admin" };
  }
  const admin = grant("company_admin");
  if (admin) {
    const companyId = admin.companyId ?? user.companyId;
    return companyId === null ? null : { companyId, departments: null, planId: null, via: "company_admin" };
  }
  const manager = grant("department_manager");
  if (manager && manager.departmentId !== null) {
    const companyId = manager.companyId ?? user.companyId;
    return companyId === null ? null : { companyId, departments: await departmentSubtree(d, manager.departmentId), planId: null, via: "department_manager" };
  }
  const inspector = grant("inspector");
  if (inspector && inspector.companyId !== null && inspector.planId !== null) {
    return { companyId: inspector.companyId, departments: null, planId: inspector.planId, via: "inspector" };
  }
  return null;
}

/** The SQL parameter for a department filter: the JSON list of names, or null for the whole company. */
export function departmentsParam(scope: CompanyScope): string | null {
  return scope.departments === null ? null : JSON.stringify(scope.departments);
}

/**
 * The company whose texts a person's pages use: an admin's scope (a provider admin's current
 * company), else the company the person belongs to (null: the installation's first).
 */
export function workingCompanyId(user: { scope: CompanyScope | null; companyId: number | null }): number | null {
  return user.scope?.companyId ?? user.companyId;
}

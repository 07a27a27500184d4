import "server-only";
import type { Engine } from "@/db/engine/types";
import { getPlan, type PlanWithCourses } from "@/db/queries/plans";
import type { CompanyScope } from "@/lib/auth/scope";

/**
 * The one lookup every dossier route and page goes through: the plan, when the caller's scope
 * reaches it, else undefined (answered 404, like a plan that does not exist). Today a scope
 * reaches its company's plans; a role limited to a single plan (the auditor's `inspector`,
 * `scope.planId`) reaches only that one (db/queries/plans.ts), and every dossier document follows.
 */
export async function planInScope(d: Engine, scope: CompanyScope, planId: number): Promise<PlanWithCourses | undefined> {
  return getPlan(d, scope, planId);
}

import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { AppDatabase } from "../open";
import { fundingPlanCourses, fundingPlans, type FundingPlan } from "../schema";

export type PlanWithCourses = FundingPlan & { courses: string[] };

function withCourses(d: AppDatabase, plans: FundingPlan[]): PlanWithCourses[] {
  if (!plans.length) return [];
  const rows = d.orm
    .select()
    .from(fundingPlanCourses)
    .where(inArray(fundingPlanCourses.planId, plans.map((p) => p.id)))
    .orderBy(asc(fundingPlanCourses.courseSlug))
    .all();
  return plans.map((p) => ({ ...p, courses: rows.filter((r) => r.planId === p.id).map((r) => r.courseSlug) }));
}

/**
 * Where plans are looked up: a company, and optionally one plan of it (an inspector's scope,
 * `CompanyScope.planId`). Every plan lookup takes one, so the plan restriction lives here.
 */
export type PlanScope = { companyId: number; planId?: number | null };

function inPlanScope(scope: PlanScope) {
  const company = eq(fundingPlans.companyId, scope.companyId);
  return scope.planId == null ? company : and(company, eq(fundingPlans.id, scope.planId))!;
}

/** The plans of the scope (a company's, or an inspector's one plan), oldest first. */
export function listPlans(d: AppDatabase, scope: PlanScope): PlanWithCourses[] {
  return withCourses(d, d.orm.select().from(fundingPlans).where(inPlanScope(scope)).orderBy(asc(fundingPlans.id)).all());
}

/** A plan of the scope, or undefined (another company's plan, or another plan than an inspector's, is answered like an unknown one). */
export function getPlan(d: AppDatabase, scope: PlanScope, id: number): PlanWithCourses | undefined {
  const plan = d.orm
    .select()
    .from(fundingPlans)
    .where(and(eq(fundingPlans.id, id), inPlanScope(scope)))
    .get();
  return plan ? withCourses(d, [plan])[0] : undefined;
}

/** A plan by id whatever its company: only for what a plan prints on its own evidence (registers, certificates). */
export function getPlanById(d: AppDatabase, id: number): FundingPlan | undefined {
  return d.orm.select().from(fundingPlans).where(eq(fundingPlans.id, id)).get();
}

/** Does the plan include this course? */
export function planIncludesCourse(d: AppDatabase, planId: number, courseSlug: string): boolean {
  return d.orm.select({ p: fundingPlanCourses.planId }).from(fundingPlanCourses).where(and(eq(fundingPlanCourses.planId, planId), eq(fundingPlanCourses.courseSlug, courseSlug))).get() !== undefined;
}

/** A plan as written; presence checks are off unless asked for (`presenceCheckSeconds` left out). */
export type PlanRecord = Omit<FundingPlan, "id" | "createdAt" | "companyId" | "createdBy" | "presenceCheckSeconds"> & { presenceCheckSeconds?: number | null };

export function insertPlan(d: AppDatabase, companyId: number, createdBy: number | null, record: PlanRecord, courses: readonly string[]): number {
  const id = d.orm.insert(fundingPlans).values({ ...record, companyId, createdBy }).returning({ id: fundingPlans.id }).get().id;
  for (const courseSlug of new Set(courses)) d.orm.insert(fundingPlanCourses).values({ planId: id, courseSlug }).run();
  return id;
}

export function updatePlan(d: AppDatabase, id: number, record: PlanRecord, courses: readonly string[]): void {
  d.orm.update(fundingPlans).set(record).where(eq(fundingPlans.id, id)).run();
  d.orm.delete(fundingPlanCourses).where(eq(fundingPlanCourses.planId, id)).run();
  for (const courseSlug of new Set(courses)) d.orm.insert(fundingPlanCourses).values({ planId: id, courseSlug }).run();
}

/** How a plan changes the completion rule for its courses (null: the course's own setting). */
export type PlanSettings = { attendanceThreshold: number | null; finalTestRequired: boolean | null };

export function planSettings(d: AppDatabase, planId: number | null): PlanSettings {
  if (planId === null) return { attendanceThreshold: null, finalTestRequired: null };
  const row = d.orm.select({ a: fundingPlans.attendanceThreshold, f: fundingPlans.finalTestRequired }).from(fundingPlans).where(eq(fundingPlans.id, planId)).get();
  return { attendanceThreshold: row?.a ?? null, finalTestRequired: row?.f ?? null };
}

import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { orm } from "../engine/orm";
import type { Engine } from "../engine/types";
import { fundingPlanCourses, fundingPlans, type FundingPlan } from "../schema";

export type PlanWithCourses = FundingPlan & { courses: string[] };

async function withCourses(d: Engine, plans: FundingPlan[]): Promise<PlanWithCourses[]> {
  if (!plans.length) return [];
  const rows = await orm(d)
    .select()
    .from(fundingPlanCourses)
    .where(inArray(fundingPlanCourses.planId, plans.map((p) => p.id)))
    .orderBy(asc(fundingPlanCourses.courseSlug));
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
export async function listPlans(d: Engine, scope: PlanScope): Promise<PlanWithCourses[]> {
  return withCourses(d, await orm(d).select().from(fundingPlans).where(inPlanScope(scope)).orderBy(asc(fundingPlans.id)));
}

/** A plan of the scope, or undefined (another company's plan, or another plan than an inspector's, is answered like an unknown one). */
export async function getPlan(d: Engine, scope: PlanScope, id: number): Promise<PlanWithCourses | undefined> {
  const plan = await orm(d)
    .select()
    .from(fundingPlans)
    .where(and(eq(fundingPlans.id, id), inPlanScope(scope)))
    .get();
  return plan ? (await withCourses(d, [plan]))[0] : undefined;
}

/** A plan by id whatever its company: only for what a plan prints on its own evidence (registers, certificates). */
export async function getPlanById(d: Engine, id: number): Promise<FundingPlan | undefined> {
  return orm(d).select().from(fundingPlans).where(eq(fundingPlans.id, id)).get();
}

/** Does the plan include this course? */
export async function planIncludesCourse(d: Engine, planId: number, courseSlug: string): Promise<boolean> {
  return (
    (await orm(d)
      .select({ p: fundingPlanCourses.planId })
      .from(fundingPlanCourses)
      .where(and(eq(fundingPlanCourses.planId, planId), eq(fundingPlanCourses.courseSlug, courseSlug)))
      .get()) !== undefined
  );
}

/** A plan as written; presence checks are off unless asked for (`presenceCheckSeconds` left out). */
export type PlanRecord = Omit<FundingPlan, "id" | "createdAt" | "companyId" | "createdBy" | "presenceCheckSeconds"> & { presenceCheckSeconds?: number | null };

export async function insertPlan(d: Engine, companyId: number, createdBy: number | null, record: PlanRecord, courses: readonly string[]): Promise<number> {
  const { id } = (await orm(d).insert(fundingPlans).values({ ...record, companyId, createdBy }).returning({ id: fundingPlans.id }).get()) as { id: number };
  for (const courseSlug of new Set(courses)) await orm(d).insert(fundingPlanCourses).values({ planId: id, courseSlug }).run();
  return id;
}

export async function updatePlan(d: Engine, id: number, record: PlanRecord, courses: readonly string[]): Promise<void> {
  await orm(d).update(fundingPlans).set(record).where(eq(fundingPlans.id, id)).run();
  await orm(d).delete(fundingPlanCourses).where(eq(fundingPlanCourses.planId, id)).run();
  for (const courseSlug of new Set(courses)) await orm(d).insert(fundingPlanCourses).values({ planId: id, courseSlug }).run();
}

/** How a plan changes the completion rule for its courses (null: the course's own setting). */
export type PlanSettings = { attendanceThreshold: number | null; finalTestRequired: boolean | null };

/** The plan's own completion settings (null: the course's apply). */
export async function planSettings(d: Engine, planId: number | null): Promise<PlanSettings> {
  if (planId === null) return { attendanceThreshold: null, finalTestRequired: null };
  const row = await orm(d).select({ a: fundingPlans.attendanceThreshold, f: fundingPlans.finalTestRequired }).from(fundingPlans).where(eq(fundingPlans.id, planId)).get();
  return { attendanceThreshold: row?.a ?? null, finalTestRequired: row?.f ?? null };
}

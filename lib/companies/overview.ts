import "server-only";
import type { Engine } from "@/db/engine/types";
import { listCompanies } from "@/db/queries/companies";
import { listPlans } from "@/db/queries/plans";
import { courseOverviewByPlan, type RegisterClock, type StateCounts } from "@/db/queries/register";
import type { Fund } from "@/db/schema";
import type { Course } from "@/lib/content/catalog";
import { listReportCourses } from "@/lib/reports/register";

export type PlanCounts = { id: number; title: string; fund: Fund; counts: StateCounts };

/** One client company in the provider's overview: its totals, then the same counts per plan. */
export type CompanyOverview = {
  id: number;
  name: string;
  taxCode: string | null;
  /** Every participation of the company's people, in every course, plan or not. */
  total: StateCounts;
  plans: PlanCounts[];
  /** Participations that belong to no plan (shown only when there are some). */
  outsidePlans: StateCounts;
};

export const NO_COUNTS: StateCounts = { participants: 0, nonIniziati: 0, inProgress: 0, formati: 0, nonFormati: 0, overdue: 0 };

/** Adds overviews up field by field: sums of sums still add up (enrolled = the four states). */
export function addCounts(a: StateCounts, b: StateCounts): StateCounts {
  return {
    participants: a.participants + b.participants,
    nonIniziati: a.nonIniziati + b.nonIniziati,
    inProgress: a.inProgress + b.inProgress,
    formati: a.formati + b.formati,
    nonFormati: a.nonFormati + b.nonFormati,
    overdue: a.overdue + b.overdue,
  };
}

/**
 * Every company of the installation with the register's own counts (the figures of
 * /admin/reports: `courseOverviewByPlan`, one statement per course), each computed in that
 * company's scope. A participation is one person in one course, so the figures count
 * participations; per plan and outside any plan they add up to the company's total exactly.
 */
export async function companiesOverview(d: Engine, catalog: readonly Course[], clock: RegisterClock): Promise<CompanyOverview[]> {
  const out: CompanyOverview[] = [];
  for (const company of await listCompanies(d)) {
    const scope = { companyId: company.id, departments: null };
    const plans = await listPlans(d, scope);
    const byPlan = new Map<number | null, StateCounts>();
    for (const course of await listReportCourses(d, scope, catalog)) {
      for (const row of await courseOverviewByPlan(d, { course: course.params, scope }, clock)) {
        // A plan the company no longer lists cannot be named: its participations count as outside any plan.
        const key = row.planId !== null && plans.some((p) => p.id === row.planId) ? row.planId : null;
        byPlan.set(key, addCounts(byPlan.get(key) ?? NO_COUNTS, row));
      }
    }
    out.push({
      id: company.id,
      name: company.name,
      taxCode: company.taxCode,
      total: [...byPlan.values()].reduce(addCounts, NO_COUNTS),
      plans: plans.map((p) => ({ id: p.id, title: p.title, fund: p.fund, counts: byPlan.get(p.id) ?? NO_COUNTS })),
      outsidePlans: byPlan.get(null) ?? NO_COUNTS,
    });
  }
  return out;
}

import "server-only";
import type { Engine } from "@/db/engine/types";
import { courseOverview, type CourseOverviewCounts, type RegisterClock } from "@/db/queries/register";
import type { DataScope } from "@/db/queries/scope";
import { reportCourse, type ReportCourse } from "@/lib/reports/register";

export type PlanCourseCounts = { course: ReportCourse; counts: CourseOverviewCounts };

/**
 * Per course of a plan, the register's counts of the plan's participations — the numbers the
 * reports' "per plan" table and the plan's page both show, so they cannot drift apart. A course
 * neither in the catalog nor with data left is skipped. `known` lets a caller that already
 * resolved the courses (the reports page) pass them instead of resolving them again.
 */
export async function planCourseCounts(
  d: Engine,
  scope: DataScope,
  plan: { id: number; courses: readonly string[] },
  clock: RegisterClock,
  known?: readonly ReportCourse[],
): Promise<PlanCourseCounts[]> {
  const out: PlanCourseCounts[] = [];
  for (const slug of plan.courses) {
    const course = known ? known.find((c) => c.slug === slug) : await reportCourse(d, scope, slug);
    if (course) out.push({ course, counts: await courseOverview(d, { course: course.params, scope, plan: plan.id }, clock) });
  }
  return out;
}

/** The participants of a plan: its participations summed over its courses (one person in two courses counts twice, as in the register). */
export function planParticipants(rows: readonly PlanCourseCounts[]): number {
  return rows.reduce((sum, r) => sum + r.counts.participants, 0);
}

import "server-only";
import type { Engine } from "@/db/engine/types";
import { listRegister } from "@/db/queries/register";
import type { CompanyScope } from "@/lib/auth/scope";
import type { ContentLocale } from "@/lib/content/names";
import { reportCourse } from "@/lib/reports/register";
import { registerClock } from "@/lib/reports/register-clock";
import type { ParticipantStatus } from "@/lib/reports/status";
import { planInScope } from "./plan-scope";

export type PlanParticipantLink = { userId: number; lastName: string; firstName: string; email: string; courses: { title: string; cycle: number; status: ParticipantStatus }[] };

/**
 * The people of a plan, each once (with their participations: course, cycle, state), in name
 * order: whom a per-participant register can be downloaded for. The register's own rows for the
 * plan, so the list and the registers agree. Null when the plan is not in the caller's scope.
 */
export async function listPlanParticipants(d: Engine, scope: CompanyScope, planId: number, o: { now?: Date; contentRoot?: string; locale?: ContentLocale } = {}): Promise<PlanParticipantLink[] | null> {
  const plan = await planInScope(d, scope, planId);
  if (!plan) return null;
  const people = new Map<number, PlanParticipantLink>();
  for (const slug of plan.courses) {
    const course = await reportCourse(d, scope, slug, o.contentRoot);
    if (!course) continue;
    for (const r of await listRegister(d, { course: course.params, scope, filter: { plan: plan.id }, clock: registerClock(o.now) })) {
      const p = people.get(r.userId) ?? { userId: r.userId, lastName: r.lastName, firstName: r.firstName, email: r.email, courses: [] };
      p.courses.push({ title: course.title(o.locale ?? "it"), cycle: r.cycle, status: r.status });
      people.set(r.userId, p);
    }
  }
  const collator = new Intl.Collator("it", { sensitivity: "base" });
  return [...people.values()].sort((a, b) => collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName) || a.email.localeCompare(b.email));
}

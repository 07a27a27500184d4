import "server-only";
import type { Engine } from "@/db/engine/types";
import { insertCycle, listRecertificationCandidates } from "@/db/queries/cycles";
import type { DataScope } from "@/db/queries/scope";
import { isUserInScope } from "@/db/queries/scope";
import { appendAuditEvent } from "@/lib/audit/trail";
import { addMonths, romeToday } from "@/lib/dates";

/** How long before the anniversary a new cycle opens: the learner has this long to redo the course. */
export const CYCLE_LEAD_DAYS = 30;

/**
 * When a completed cycle calls for the next one under a campaign (a rule recurring every N months):
 * the next cycle is due N months after the completion, and opens CYCLE_LEAD_DAYS before that (pure).
 */
export function nextCycleDates(completedAt: Date, recurMonths: number): { opensAt: Date; dueDate: string } {
  const due = addMonths(completedAt, recurMonths);
  return { opensAt: new Date(due.getTime() - CYCLE_LEAD_DAYS * 86_400_000), dueDate: romeToday(due) };
}

export type CyclesReport = { opened: number };

/**
 * Opens the cycles that campaigns call for by `now` (re-enrolment): for each learner covered
 * by a recurring rule whose current cycle of the course is completed, the next cycle — with the
 * rule's plan and the anniversary as its due date — once the opening date has come. Each in the
 * same transaction as its `admin.cycle-open` audit event; the unique index makes a second run a
 * no-op. Earlier cycles' attempts, completion and certificate are never touched: the new cycle
 * starts from nothing. `scope` limits the run to one company (the admin's button).
 */
export async function openDueCycles(d: Engine, now: Date, scope?: DataScope): Promise<CyclesReport> {
  let opened = 0;
  await d.write(async () => {
    for (const c of await listRecertificationCandidates(d)) {
      if (scope && !await isUserInScope(d, scope, c.userId)) continue;
      const { opensAt, dueDate } = nextCycleDates(new Date(c.completedAt * 1000), c.recurMonths);
      if (opensAt.getTime() > now.getTime()) continue;
      const cycle = c.cycle + 1;
      if (!await insertCycle(d, { userId: c.userId, courseSlug: c.courseSlug, cycle, planId: c.planId, ruleId: c.ruleId, openedAt: now, dueDate })) continue;
      await appendAuditEvent(d, {
        type: "admin.cycle-open",
        actorUserId: null,
        subject: `user:${c.userId}`,
        data: { courseSlug: c.courseSlug, cycle, ruleId: c.ruleId, planId: c.planId, dueDate },
        at: now,
      });
      opened++;
    }
  });
  return { opened };
}

import "server-only";
import type { Engine } from "@/db/engine/types";
import { listPresenceChecksOfPlan } from "@/db/queries/presence";
import { registerPresenceCheck } from "@/lib/presence/register";
import type { DossierPresenceCheck } from "./types";

/**
 * Where presence checks (questions at unpredictable moments during a lesson, lib/presence,
 * table `presence_checks`) enter the dossier: read once per plan, inside the dossier's read
 * transaction, and handed out per participation (a learner's cycle of a course).
 */

export type Participation = { userId: number; courseSlug: string; cycle: number };

export type PresenceSource = {
  /**
   * Whether the registers print presence checks: the plan asks for them now, or asked some
   * (a plan that turned them off keeps the evidence of those it asked).
   */
  planAsks: boolean;
  /** The presence checks of one participation, oldest first; `lessonNumber` places the lesson in the course. */
  checks: (p: Participation, lessonNumber: (lessonSlug: string) => number | null) => DossierPresenceCheck[];
};

export async function presenceSource(d: Engine, plan: { id: number; presenceCheckSeconds: number | null }): Promise<PresenceSource> {
  const rows = await listPresenceChecksOfPlan(d, plan.id);
  const byParticipation = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = `${r.userId}:${r.courseSlug}:${r.cycle}`;
    const list = byParticipation.get(key);
    if (list) list.push(r);
    else byParticipation.set(key, [r]);
  }
  return {
    planAsks: plan.presenceCheckSeconds !== null || rows.length > 0,
    checks: (p, lessonNumber) =>
      (byParticipation.get(`${p.userId}:${p.courseSlug}:${p.cycle}`) ?? []).map((r) => registerPresenceCheck(r, lessonNumber(r.lessonSlug))),
  };
}

import "server-only";
import type { Engine } from "@/db/engine/types";
import { listPlanPresenceChecks, type PresenceCheckRow } from "@/db/queries/presence";
import { getCourse, publishedLessons } from "@/lib/content/lookup";
import type { DossierPresenceCheck } from "@/lib/dossier/types";
import { medianSeconds } from "./rules";

/** One presence check as the register prints it, with the course and lesson it was asked in. */
export type PresenceRegisterRow = DossierPresenceCheck & { courseSlug: string; lessonSlug: string };

/** What the register's summary columns say of a participant's checks. */
export type PresenceSummary = { asked: number; answered: number; medianDelaySeconds: number | null };

/**
 * The presence checks a plan asked of its participants, per participant in the order asked,
 * unanswered ones included (evidence too). The lesson number is its place among the course's
 * published lessons today (null when it is no longer published).
 */
export async function presenceChecksForPlan(d: Engine, planId: number, userIds: readonly number[]): Promise<Map<number, PresenceRegisterRow[]>> {
  const numbers = new Map<string, Map<string, number>>();
  const lessonNumber = (courseSlug: string, lessonSlug: string): number | null => {
    let byLesson = numbers.get(courseSlug);
    if (!byLesson) {
      const course = getCourse(courseSlug);
      byLesson = new Map((course ? publishedLessons(course) : []).map((l, i) => [l.slug, i + 1]));
      numbers.set(courseSlug, byLesson);
    }
    return byLesson.get(lessonSlug) ?? null;
  };
  const out = new Map<number, PresenceRegisterRow[]>(userIds.map((id) => [id, []]));
  for (const r of await listPlanPresenceChecks(d, planId, userIds)) {
    out.get(r.userId)?.push({ courseSlug: r.courseSlug, lessonSlug: r.lessonSlug, ...registerPresenceCheck(r, lessonNumber(r.courseSlug, r.lessonSlug)) });
  }
  return out;
}

/** One stored check as the register prints it (the delay to a tenth of a second). */
export function registerPresenceCheck(r: PresenceCheckRow, lessonNumber: number | null): DossierPresenceCheck {
  return {
    askedAt: new Date(r.askedAtMs),
    lessonNumber,
    answeredAt: r.answeredAtMs === null ? null : new Date(r.answeredAtMs),
    correct: r.correct === null ? null : r.correct === 1,
    delaySeconds: r.answeredAtMs === null ? null : Math.round((r.answeredAtMs - r.askedAtMs) / 100) / 10,
  };
}

/** Asked, answered and the median delay of the answered ones. */
export function summarisePresenceChecks(rows: readonly DossierPresenceCheck[]): PresenceSummary {
  const delays = rows.flatMap((r) => (r.delaySeconds === null ? [] : [r.delaySeconds]));
  return { asked: rows.length, answered: delays.length, medianDelaySeconds: medianSeconds(delays) };
}

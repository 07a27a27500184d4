import "server-only";
import type { Engine } from "@/db/engine/types";
import type { CourseCompletion, LessonProgress } from "@/db/schema";
import { getCompletion, insertCompletion } from "@/db/queries/completions";
import { listCourseProgress } from "@/db/queries/progress";
import { listSubmittedScores, type AttemptScore } from "@/db/queries/quiz-attempts";
import { appendAuditEvent } from "@/lib/audit/trail";
import { currentCycleInfo } from "@/db/queries/cycles";
import { planSettings } from "@/db/queries/plans";
import { issueCertificate } from "@/lib/certificates/issue";
import { hasAcknowledgedPolicy } from "@/db/queries/policy";
import { socialMediaPolicy } from "@/lib/policy/policy";
import type { Course } from "@/lib/content/catalog";
import { finalBank, getCourse, publishedLessons } from "@/lib/content/lookup";
import { evaluateCompletion, type CompletionRequirement, type CompletionResult } from "./completion";
import { addMonths } from "@/lib/dates";

/**
 * Attendance grows with heartbeats, the hottest write path, and can be the last requirement
 * a learner meets. Rather than evaluate the rule on every heartbeat, we remember (per process)
 * when each learner × course was last evaluated and whether only attendance was missing then;
 * heartbeats evaluate those never evaluated here, those waiting only for attendance, and those
 * whose verdict is older than {@link VERDICT_LIFETIME_MS}.
 *
 * The lifetime is what makes this a cache and not a decision: the events that meet the other
 * requirements (the final test, the policy acknowledgement, the last lesson) evaluate the rule
 * themselves, but on whichever process received them (issue #24: several app processes behind
 * a proxy), and a new cycle is opened by the reminders command, another process still. So a
 * verdict here can be stale, and a learner whose heartbeats all reach this process is completed
 * at most this long after the rest was met. The database decides: a stale verdict only delays
 * the evaluation, which reads everything from SQLite and writes the completion once (a unique
 * record, inside the write lock).
 */
export const VERDICT_LIFETIME_MS = 2 * 60_000;
const evaluatedAt = new Map<string, number>();
const waitingForAttendance = new Set<string>();

/** Should a credited heartbeat on this course re-evaluate completion? */
export function attendancePending(userId: number, courseSlug: string, nowMs = Date.now()): boolean {
  const key = `${userId}:${courseSlug}`;
  const at = evaluatedAt.get(key);
  return at === undefined || nowMs - at >= VERDICT_LIFETIME_MS || waitingForAttendance.has(key);
}

function remember(userId: number, courseSlug: string, missing: readonly CompletionRequirement[], nowMs: number): void {
  const key = `${userId}:${courseSlug}`;
  evaluatedAt.set(key, nowMs);
  if (missing.length === 1 && missing[0] === "attendance") waitingForAttendance.add(key);
  else waitingForAttendance.delete(key);
}

export type CourseStatus = {
  course: Course;
  evaluation: CompletionResult;
  activeSeconds: number;
  finalTestPassed: boolean;
  /** The first passing final-test attempt, if any. */
  passingAttempt: AttemptScore | undefined;
  bestFinalScore: number | null;
  finalAttempts: number;
  /** The learner's current cycle of the course and the plan it belongs to. */
  cycle: number;
  planId: number | null;
};

/** The course asks for the policy acknowledgement and a policy exists to acknowledge. */
export function policyRequired(course: Course): boolean {
  return course.completion.requirePolicyAck && socialMediaPolicy() !== null;
}

async function policyAcknowledged(d: Engine, userId: number): Promise<boolean> {
  const policy = socialMediaPolicy();
  return policy !== null && await hasAcknowledgedPolicy(d, userId, policy.version);
}

/** The bank id of a course's final test, when it has one. */
export function finalTestId(course: Course): string | null {
  return course.finalTest ? (finalBank(course)?.id ?? null) : null;
}

/**
 * Everything the completion rule needs about one learner and course (their current cycle), read
 * from SQLite. The cycle's funding plan may set its own attendance threshold and say whether the
 * final test is required; otherwise the course's settings apply.
 *
 * `progress`: the learner's current-cycle rows for this course when the caller has already read them.
 */
export async function courseStatus(d: Engine, userId: number, course: Course, progress?: LessonProgress[]): Promise<CourseStatus> {
  progress ??= await listCourseProgress(d, userId, course.slug);
  const lessons = publishedLessons(course).map((l) => ({ slug: l.slug, contentHash: l.locales.it.contentHash }));
  const cycle = await currentCycleInfo(d, userId, course.slug);
  const plan = await planSettings(d, cycle.planId);
  const finalId = finalTestId(course);
  const attempts = finalId ? await listSubmittedScores(d, userId, course.slug, finalId) : [];
  const passing = attempts.find((a) => a.passed);
  // The course's credited time is the sum over the same rows: no second query (it runs on every final-test submit).
  const activeSeconds = progress.reduce((sum, p) => sum + p.activeSeconds, 0);
  const evaluation = evaluateCompletion({
    lessons,
    progress,
    activeSeconds,
    plannedMinutes: course.plannedMinutes,
    attendanceThreshold: plan.attendanceThreshold ?? course.completion.attendanceThreshold,
    requireFinalTest: finalId !== null && plan.finalTestRequired !== false,
    finalTestPassed: passing !== undefined,
    forcedSequence: course.completion.forcedSequence,
    requirePolicyAck: policyRequired(course),
    policyAcknowledged: await policyAcknowledged(d, userId),
  });
  const scores = attempts.map((a) => a.scorePercent ?? 0);
  return {
    course,
    evaluation,
    activeSeconds,
    finalTestPassed: passing !== undefined,
    passingAttempt: passing,
    bestFinalScore: scores.length ? Math.max(...scores) : null,
    finalAttempts: attempts.length,
    cycle: cycle.cycle,
    planId: cycle.planId,
  };
}

/**
 * Writes the completion record when the rule is met and none exists yet, in the caller's
 * transaction (the event that completed the course) or its own. The record is never updated
 * afterwards (a trigger refuses it); the content hashes say which version was completed.
 */
export async function completeCourseIfDue(
  d: Engine,
  input: { userId: number; courseSlug: string; sessionId?: string | null; now?: Date; contentRoot?: string },
): Promise<CourseCompletion | null> {
  const course = getCourse(input.courseSlug, input.contentRoot);
  if (!course || course.status !== "published") return null;
  return d.write(async () => {
    const nowMs = (input.now ?? new Date()).getTime();
    if (await getCompletion(d, input.userId, course.slug)) {
      remember(input.userId, course.slug, [], nowMs);
      return null;
    }
    const status = await courseStatus(d, input.userId, course);
    remember(input.userId, course.slug, status.evaluation.missing, nowMs);
    if (!status.evaluation.complete) return null;
    const passing = status.passingAttempt;
    const hashes = Object.fromEntries(publishedLessons(course).map((l) => [l.slug, l.locales.it.contentHash]));
    const record = await insertCompletion(d, {
      userId: input.userId,
      courseSlug: course.slug,
      courseVersion: course.version,
      completedAt: input.now ?? new Date(),
      activeSeconds: status.activeSeconds,
      plannedMinutes: course.plannedMinutes,
      attendancePercent: status.evaluation.attendancePercent,
      finalScorePercent: passing?.scorePercent ?? null,
      finalAttemptId: passing?.id ?? null,
      lessonHashes: JSON.stringify(hashes),
      cycle: status.cycle,
      planId: status.planId,
    });
    if (record) {
      await appendAuditEvent(d, {
        type: "course.complete",
        actorUserId: input.userId,
        sessionId: input.sessionId ?? null,
        subject: `course:${course.slug}`,
        data: { completionId: record.id, activeSeconds: record.activeSeconds, attendancePercent: record.attendancePercent, finalScorePercent: record.finalScorePercent, cycle: record.cycle, planId: record.planId },
      });
      // The certificate is issued from the completion record, in the same transaction.
      await issueCertificate(d, record, { ...input, expiresAt: course.certificate?.validMonths ? addMonths(record.completedAt, course.certificate.validMonths) : null });
    }
    return record;
  });
}

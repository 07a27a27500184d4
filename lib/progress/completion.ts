/**
 * The course completion rule (pure): when a learner counts as trained (*formato*) for the
 * funded-training registers and the certificate.
 */

export type CompletionRequirement = "lessons" | "attendance" | "final-test" | "policy";

export type CompletionInput = {
  /** The published lessons, in course order, with the hash of their current content. */
  lessons: readonly { slug: string; contentHash: string }[];
  /** The learner's progress rows for this course (rows for lessons no longer published are ignored). */
  progress: readonly { lessonSlug: string; completedAt: Date | null; completedContentHash: string | null }[];
  /** Active time credited by the server, in seconds. */
  activeSeconds: number;
  /** The course's planned duration. */
  plannedMinutes: number;
  /** Minimum attendance, as a percentage of the planned time (e.g. 70); 0 means not required. */
  attendanceThreshold: number;
  requireFinalTest: boolean;
  /** Whether any attempt at the final test passed (a failed attempt followed by a passed one counts). */
  finalTestPassed: boolean;
  forcedSequence: boolean;
  requirePolicyAck?: boolean;
  policyAcknowledged?: boolean;
};

export type CompletionResult = {
  complete: boolean;
  /** Active time over planned time, in percent, rounded DOWN to one decimal (so 69.99 shows 69.9, never a misleading 70.0). Not capped at 100. */
  attendancePercent: number;
  /** The unmet requirements, in the order lessons, attendance, final-test, policy. */
  missing: CompletionRequirement[];
  /** Published lessons not completed, in course order. */
  lessonsMissing: string[];
  /** With a forced sequence: lessons completed before a lesson that precedes them (they make "lessons" missing). */
  lessonsOutOfOrder: string[];
  /** Lessons completed on a version older than the current one (they still count; for the record). */
  lessonsOnOlderVersion: string[];
};

/**
 * Evaluates the completion rule. All of these must hold:
 *
 * - **lessons**: every published lesson has a completion. A lesson completed under an OLDER
 *   content hash still counts: the learner completed the version they were given, and
 *   requiring a redo after every correction would silently undo registers already signed.
 *   The completed hash stays in the progress row for the record, and such lessons are listed
 *   in `lessonsOnOlderVersion`. With no published lesson at all the course cannot be
 *   complete. With `forcedSequence`, completion times must also be non-decreasing in course
 *   order (equal times are fine); a lesson completed earlier than one before it is listed in
 *   `lessonsOutOfOrder` and "lessons" stays missing, because the register could not show the
 *   sequence was followed. Completion times are kept from the first completion, so this is
 *   not fixed by redoing the lesson: an administrator must look at it.
 * - **attendance**: `activeSeconds ≥ attendanceThreshold % × plannedMinutes`, compared
 *   exactly (70 % of 60 minutes is met by 2,520 s, not by 2,519). Zero, negative or non-finite
 *   planned minutes cannot show attendance: the requirement is unmet (percent 0) unless the
 *   threshold is 0 or less.
 * - **final-test**: when required, a passed attempt (earlier failures do not matter).
 * - **policy**: when `requirePolicyAck`, the learner acknowledged the policy.
 */
export function evaluateCompletion(input: CompletionInput): CompletionResult {
  const firstCompletion = new Map<string, { at: Date; hash: string | null }>();
  for (const p of input.progress) {
    if (!p.completedAt || Number.isNaN(p.completedAt.getTime())) continue;
    const seen = firstCompletion.get(p.lessonSlug);
    if (!seen || p.completedAt < seen.at) firstCompletion.set(p.lessonSlug, { at: p.completedAt, hash: p.completedContentHash });
  }

  const lessonsMissing: string[] = [];
  const lessonsOutOfOrder: string[] = [];
  const lessonsOnOlderVersion: string[] = [];
  let latest = -Infinity;
  for (const lesson of input.lessons) {
    const done = firstCompletion.get(lesson.slug);
    if (!done) {
      lessonsMissing.push(lesson.slug);
      continue;
    }
    if (done.hash !== lesson.contentHash) lessonsOnOlderVersion.push(lesson.slug);
    const t = done.at.getTime();
    if (input.forcedSequence && t < latest) lessonsOutOfOrder.push(lesson.slug);
    latest = Math.max(latest, t);
  }

  const plannedSeconds = Number.isFinite(input.plannedMinutes) && input.plannedMinutes > 0 ? input.plannedMinutes * 60 : 0;
  const activeSeconds = Number.isFinite(input.activeSeconds) && input.activeSeconds > 0 ? input.activeSeconds : 0;
  const attendancePercent = plannedSeconds > 0 ? Math.floor((activeSeconds * 1000) / plannedSeconds) / 10 : 0;
  // A NaN threshold is a misconfiguration: it fails the comparison, so attendance stays unmet.
  const attendanceMet =
    input.attendanceThreshold <= 0 || (plannedSeconds > 0 && activeSeconds * 100 >= input.attendanceThreshold * plannedSeconds);

  const missing: CompletionRequirement[] = [];
  if (input.lessons.length === 0 || lessonsMissing.length > 0 || lessonsOutOfOrder.length > 0) missing.push("lessons");
  if (!attendanceMet) missing.push("attendance");
  if (input.requireFinalTest && !input.finalTestPassed) missing.push("final-test");
  if (input.requirePolicyAck && !input.policyAcknowledged) missing.push("policy");

  return { complete: missing.length === 0, attendancePercent, missing, lessonsMissing, lessonsOutOfOrder, lessonsOnOlderVersion };
}

/**
 * Active seconds still needed to reach the course's attendance threshold (0 once reached):
 * `ceil(threshold % × planned) − credited`, the same comparison as `evaluateCompletion`.
 */
export function secondsStillNeeded(input: { activeSeconds: number; plannedMinutes: number; attendanceThreshold: number }): number {
  const required = Math.ceil((input.attendanceThreshold * input.plannedMinutes * 60) / 100);
  return Math.max(0, required - Math.max(0, Math.floor(input.activeSeconds)));
}

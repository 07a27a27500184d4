/**
 * A participant's outcome in a course, as the registers show it (pure).
 *
 * - **formato** (trained): a completion record exists. The record is written only when every
 *   completion requirement was met (all lessons, attendance ≥ the course threshold — 70 % by
 *   default —, the final test passed) and is never changed afterwards, so the status cannot
 *   go back, even if the learner is later deactivated.
 * - **non formato** (not trained, final): no completion and either
 *   - the learner is deactivated (they can no longer attend), or
 *   - the final test attempts are exhausted without a pass: as many attempts were STARTED as
 *     the course allows (an attempt left to expire counts as used, as in the attempt rules),
 *     none passed, and none is still open.
 * - **in corso** (in progress): everybody else who started — including a learner who passed
 *   the test but has not yet reached the attendance threshold, since heartbeats can still
 *   complete the course.
 *
 * The same rule is written in SQL in `db/queries/reports.ts` (filters, sorting and
 * pagination run in SQLite); an integration test checks that both agree.
 */

export const PARTICIPANT_STATUSES = ["formato", "in-corso", "non-formato"] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

/** The labels printed in exports (the registers are Italian documents). */
export const STATUS_LABELS_IT: Record<ParticipantStatus, string> = {
  formato: "formato",
  "in-corso": "in corso",
  "non-formato": "non formato",
};

export type StatusInput = {
  completed: boolean;
  active: boolean;
  /** Final-test attempts started (submitted or not). */
  finalAttemptsUsed: number;
  /** Final-test attempts still open (not submitted, time not over). */
  finalAttemptsOpen: number;
  finalTestPassed: boolean;
  /** The course's attempt limit, or null when it has no final test. */
  maxAttempts: number | null;
};

export function participantStatus(s: StatusInput): ParticipantStatus {
  if (s.completed) return "formato";
  if (!s.active) return "non-formato";
  if (s.maxAttempts !== null && s.finalAttemptsUsed >= s.maxAttempts && !s.finalTestPassed && s.finalAttemptsOpen === 0) return "non-formato";
  return "in-corso";
}

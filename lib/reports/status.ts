import type { RegisterStatus } from "@/db/queries/register";

/**
 * Where a participant stands in a course (pure). Every page, export and register uses these
 * states, so the counts of one always add up to the counts of another:
 *
 *   enrolled = non iniziato + in corso + formato + non formato
 *
 * Who is a participant of a course (the same rule in SQL, `db/queries/register.ts`):
 * - every active LEARNER who is enrolled (by name, or by a rule for everyone or their
 *   department): people who are not learners (admins, trainers only) are never enrolled,
 *   chased or counted;
 * - anyone who left evidence in the course (lesson progress, a quiz attempt, a completion),
 *   whatever their role or status now: evidence never disappears from a register.
 *
 * States, decided in this order:
 * - **formato** (trained): a completion record exists. It is written only when every
 *   completion requirement was met and is never changed afterwards, so the state cannot go
 *   back, even if the learner is later deactivated.
 * - **non formato** (closed without completing): the learner is deactivated, or the
 *   final-test attempts are exhausted without a pass (as many STARTED as the course allows —
 *   an attempt left to expire counts as used —, none passed, none still open).
 * - **non iniziato** (not started): nothing recorded in the course yet.
 * - **in corso** (in progress): everybody else — including a learner who passed the test but
 *   has not yet reached the attendance threshold, since heartbeats can still complete it.
 *
 * **In ritardo** (overdue) is a flag, not a state: a due date has passed and the learner is
 * still "non iniziato" or "in corso" (nobody can be chased to finish a closed course).
 */

export const PARTICIPANT_STATUSES = ["non-iniziato", "in-corso", "formato", "non-formato"] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type AssertTrue<T extends true> = T;
/** Fails to compile when the register's SQL (`db/queries/register.ts`) and this list name different states. */
export type RegisterMatchesStatuses = AssertTrue<Same<ParticipantStatus, RegisterStatus>>;

/** The labels printed in exports (the registers are Italian documents). */
export const STATUS_LABELS_IT: Record<ParticipantStatus, string> = {
  "non-iniziato": "non iniziato",
  "in-corso": "in corso",
  formato: "formato",
  "non-formato": "non formato",
};

export type StatusInput = {
  completed: boolean;
  active: boolean;
  /** Anything recorded in the course: a lesson opened or a quiz attempt started. */
  started: boolean;
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
  if (!s.started) return "non-iniziato";
  return "in-corso";
}

/** Still expected to finish: the states a reminder or a due date applies to. */
export function isOpenStatus(status: ParticipantStatus): boolean {
  return status === "non-iniziato" || status === "in-corso";
}

/** Overdue: the earliest due date (`YYYY-MM-DD`, Rome calendar day) is before today and the course is still open. */
export function isOverdue(status: ParticipantStatus, dueDate: string | null, today: string): boolean {
  return isOpenStatus(status) && dueDate !== null && dueDate !== "" && dueDate < today;
}

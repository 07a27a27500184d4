/**
 * What the runtime needs from a host LMS, whatever the standard: one adapter per format
 * (`scorm12.ts`, `scorm2004.ts`, `cmi5.ts`).
 */
import type { PackageQuestion } from "../package-data";

/** A session opened with the LMS. */
export interface LmsSession {
  /** "review": the LMS shows the course without recording (SCORM review/browse, cmi5 Browse/Review). */
  mode: "normal" | "review";
  /** What `save` stored last time, or null on a first launch. */
  state: string | null;
  location: string | null;
}

/** Where the learner is, as the LMS should record it. */
export interface LmsReport {
  /** Share of lessons completed, 0..1. */
  progress: number;
  /** Lessons, time and policy done: everything but the final test. */
  contentDone: boolean;
  /** The whole completion rule of the course holds. */
  complete: boolean;
  /** Null when the course has no final test. */
  final: null | {
    passed: boolean;
    /** Every attempt used without passing. */
    failedOut: boolean;
    /** Best score so far in percent, null before any attempt. */
    score: number | null;
  };
  /** cmi5 statements sent once per registration; the cmi5 adapter sets the flags it sends. */
  sent: { completed: boolean; passed: boolean };
}

/** One answer to one question. */
export interface LmsAnswer {
  /** Unique within the package and the learner: kind, quiz, attempt and question. */
  id: string;
  kind: "check" | "final";
  quizId: string;
  question: PackageQuestion;
  chosen: string[];
  right: string[];
  correct: boolean;
  at: Date;
}

export interface LmsAdapter {
  /** Null when no LMS answers (the page was opened on its own): nothing will be recorded. */
  start(): Promise<LmsSession | null>;
  save(state: string, location: string): void;
  report(r: LmsReport): void;
  answered(a: LmsAnswer): void;
  /** Asks the LMS to store what it has (SCORM Commit; cmi5 sends as it goes). */
  commit(): void;
  /**
   * Ends the session with the active seconds of this session. Resolves when the LMS has it,
   * with the address the LMS asked to return to afterwards (cmi5 `returnURL`), if any.
   */
  finish(activeSeconds: number): Promise<string | null>;
  /** The last failure talking to the LMS, or null. */
  lastError(): string | null;
}

/**
 * The learner model of the mixed-load benchmark (README "Performance", "A training day"):
 * what one learner does in one sitting, and how long they think between actions. Pure: the
 * driver (driver.ts) runs the actions; everything here is deterministic for a given random
 * source, so it is unit-tested.
 *
 * A sitting, in real time:
 * 1. sign in (the sign-in page, Auth.js's CSRF token, the credentials post), then the course page;
 * 2. for each of 2–4 lessons (fewer when the course ends first): the lesson page, its script's
 *    "open" call, a heartbeat every 30 s while reading (reading time = the lesson's stated
 *    minutes × 0.8–1.15, the factor the dataset's history uses), "complete" 5–40 s after the
 *    last beat, the lesson check (its page, start, answers at 8–20 s a question, submit, the
 *    review), then back to the course page;
 * 3. when the sitting reaches the end of the course: the policy page, the final test (its page,
 *    start, 8–25 minutes of answers, submit, review), the course page and the certificate PDF.
 *
 * Think times are uniform within the stated ranges (seconds). Heartbeats keep their 30 s rhythm
 * whatever the answers' latency (the page's timer); every other action waits for the previous
 * answer, then thinks. Learners arrive at a rate (open model, schedule.ts), not in lock-step.
 */

export type Rng = () => number;

/** Seconds, uniform in [lo, hi]. */
export type Range = readonly [lo: number, hi: number];

export const THINK = {
  /** The sign-in page shown → credentials posted. */
  signInForm: [4, 12],
  /** On the course page before opening the next lesson (or the final test). */
  coursePage: [5, 30],
  /** The lesson page loaded → its script records the opening. */
  openAfterLoad: [0.3, 1.0],
  /** Reading time as a multiple of the lesson's stated minutes (the dataset's history uses the same). */
  readFactor: [0.8, 1.15],
  /** The last heartbeat → "Lezione completata". */
  completeAfterLastBeat: [5, 40],
  /** The check's page → "Inizia". */
  checkIntro: [3, 10],
  /** Per question of a lesson check. */
  checkAnswerPerQuestion: [8, 20],
  /** Reading the check's review. */
  checkReview: [10, 40],
  /** Reading the social media policy before the final test. */
  policyRead: [60, 240],
  /** The final test's page → start. */
  finalIntro: [10, 40],
  /** Answering the whole final test (the dataset's history uses the same). */
  finalAnswer: [8 * 60, 25 * 60],
  /** Reading the final test's review. */
  finalReview: [20, 90],
  /** The course page after the final test → the certificate download. */
  certificateAfter: [3, 15],
} as const satisfies Record<string, Range>;

/** Lessons read in one sitting (the dataset's history uses the same). */
export const LESSONS_PER_SITTING: Range = [2, 4];

/** The lesson page's heartbeat period (lib/progress/time-credit.ts). */
export const BEAT_SECONDS = 30;

export type ActionKind =
  | "signInPage"
  | "csrf"
  | "signIn"
  | "course"
  | "lesson"
  | "open"
  | "heartbeat"
  | "complete"
  | "quizPage"
  | "quizStart"
  | "quizSubmit"
  | "reviewPage"
  | "policyPage"
  | "certificate";

/**
 * One request of a sitting. `delay` (seconds) counts from the previous action's answer
 * (`after: "answer"`) or from the moment the previous action was sent (`after: "sent"`: the
 * lesson page's timer, which does not wait for answers).
 */
export type Action = {
  kind: ActionKind;
  delay: number;
  after: "answer" | "sent";
  /** 1-based lesson number (lesson, open, heartbeat, complete and the lesson's check). */
  lesson?: number;
  /** The quiz: a lesson check (`lesson` set) or the final test. */
  quiz?: "check" | "final";
};

export type CourseShape = {
  /** Stated minutes of each published lesson, in order. */
  lessonMinutes: readonly number[];
  /** Questions of each lesson's check (0: the lesson has none). */
  checkQuestions: readonly number[];
  hasFinalTest: boolean;
  hasPolicy: boolean;
};

export const uniform = (rng: Rng, [lo, hi]: Range) => lo + rng() * (hi - lo);
const int = (rng: Rng, [lo, hi]: Range) => lo + Math.floor(rng() * (hi - lo + 1));

/**
 * The actions of one sitting of a learner who has completed `lessonsDone` lessons (in order:
 * the course forces the sequence). A learner with every lesson done sits the final test.
 */
export function sitting(rng: Rng, course: CourseShape, lessonsDone: number, opts: { signIn?: boolean } = {}): Action[] {
  const total = course.lessonMinutes.length;
  if (!(Number.isInteger(lessonsDone) && lessonsDone >= 0 && lessonsDone <= total)) throw new RangeError(`sitting: lessonsDone must be within 0..${total}`);
  const out: Action[] = [];
  const push = (kind: ActionKind, delay: number, extra: Partial<Action> = {}, after: Action["after"] = "answer") => out.push({ kind, delay, after, ...extra });

  if (opts.signIn !== false) {
    push("signInPage", 0);
    push("csrf", 0.2);
    push("signIn", uniform(rng, THINK.signInForm));
  }
  push("course", out.length ? 0.2 : 0);

  const count = Math.min(int(rng, LESSONS_PER_SITTING), total - lessonsDone);
  for (let k = 0; k < count; k++) {
    const lesson = lessonsDone + k + 1;
    push("lesson", uniform(rng, THINK.coursePage), { lesson });
    push("open", uniform(rng, THINK.openAfterLoad), { lesson });
    const reading = course.lessonMinutes[lesson - 1]! * 60 * uniform(rng, THINK.readFactor);
    const beats = Math.max(1, Math.floor(reading / BEAT_SECONDS));
    for (let b = 0; b < beats; b++) push("heartbeat", BEAT_SECONDS, { lesson }, "sent");
    push("complete", uniform(rng, THINK.completeAfterLastBeat), { lesson }, "sent");
    const questions = course.checkQuestions[lesson - 1] ?? 0;
    if (questions > 0) {
      push("quizPage", 0.5, { lesson, quiz: "check" });
      push("quizStart", uniform(rng, THINK.checkIntro), { lesson, quiz: "check" });
      let answering = 0;
      for (let q = 0; q < questions; q++) answering += uniform(rng, THINK.checkAnswerPerQuestion);
      push("quizSubmit", answering, { lesson, quiz: "check" });
      push("reviewPage", 0.2, { lesson, quiz: "check" });
      push("course", uniform(rng, THINK.checkReview));
    } else {
      push("course", 0.5);
    }
  }

  if (lessonsDone + count === total && course.hasFinalTest) {
    let delay = uniform(rng, THINK.coursePage);
    if (course.hasPolicy) {
      push("policyPage", delay);
      delay = uniform(rng, THINK.policyRead);
    }
    push("quizPage", delay, { quiz: "final" });
    push("quizStart", uniform(rng, THINK.finalIntro), { quiz: "final" });
    push("quizSubmit", uniform(rng, THINK.finalAnswer), { quiz: "final" });
    push("reviewPage", 0.2, { quiz: "final" });
    push("course", uniform(rng, THINK.finalReview));
    push("certificate", uniform(rng, THINK.certificateAfter));
  }
  return out;
}

/** When each action would be sent if every answer were instant (seconds from the sitting's start). */
export function nominalTimes(actions: readonly Action[]): number[] {
  const at: number[] = [];
  let t = 0;
  for (const a of actions) {
    t += a.delay;
    at.push(t);
  }
  return at;
}

/** How long a sitting lasts if every answer were instant. */
export function sittingSeconds(actions: readonly Action[]): number {
  return actions.reduce((s, a) => s + a.delay, 0);
}

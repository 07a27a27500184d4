/**
 * When learners act in the mixed load: open-model arrivals, and the "warm start" that puts a
 * step's learners at random points of their sittings at once.
 *
 * A sitting lasts most of an hour in real time (heartbeats are credited by the server's clock,
 * at most 35 s a beat: lib/progress/time-credit.ts), so a step cannot wait for N learners to
 * arrive one by one. Instead each learner added by a step is placed at a uniformly random
 * moment of a sitting drawn in proportion to its length (the state an open system is in at
 * any instant), and what that sitting did before that moment is written to the database as
 * the server would have written it (mix/seed.ts). From then on everything happens in real
 * time, and new learners keep arriving as a Poisson process at N / (mean sitting length), so
 * the number active stays around N.
 */
import { nominalTimes, sittingSeconds, type Action, type Rng } from "./model";

/** Arrival times (seconds, in [from, to)) of a Poisson process with `rate` arrivals a second. */
export function poissonArrivals(rng: Rng, rate: number, from: number, to: number): number[] {
  if (!(rate >= 0) || !(to >= from)) throw new RangeError("poissonArrivals: need rate ≥ 0 and to ≥ from");
  const out: number[] = [];
  if (rate === 0) return out;
  let t = from;
  for (;;) {
    t += -Math.log(1 - rng()) / rate;
    if (t >= to) return out;
    out.push(t);
  }
}

/** What a warm-started learner's sitting did before the chosen moment (seconds before it). */
export type Prefix = {
  /** Lessons completed in this sitting, with when they were opened and completed and the beats they got. */
  completed: { lesson: number; openedAgo: number; completedAgo: number; beats: number }[];
  /** The lesson being read: opened, `beats` heartbeats so far, the last credit (or the opening) `lastCreditAgo` s ago. */
  reading: { lesson: number; openedAgo: number; beats: number; lastCreditAgo: number } | null;
  /** The learner signed in before the moment (their session cookie comes from the dataset). */
  signedIn: boolean;
};

export type WarmStart = {
  /** Index of the first action to run. */
  start: number;
  /** Seconds from activation to that action. */
  firstDelay: number;
  /** Delays that replace the script's (index → seconds): the rest of an answer already under way. */
  delays: Map<number, number>;
  prefix: Prefix;
};

/**
 * Places a learner at moment `u` (seconds) of a sitting; `startJitter` (seconds) is when an
 * attempt under way is started again. Actions that need something only the
 * skipped part would have produced start over or are left out:
 * - within the sign-in, the learner signs in from the start;
 * - within a quiz (started, not submitted), the attempt is started again at once and the
 *   answers take the rest of the time;
 * - a review page whose submission was skipped, and the certificate download, are left out
 *   (they need an attempt id or a certificate code from an answer the learner never got).
 */
export function warmStartAt(actions: readonly Action[], u: number, startJitter: number): WarmStart {
  const at = nominalTimes(actions);
  const delays = new Map<number, number>();
  let start = at.findIndex((t) => t >= u);
  if (start < 0) start = actions.length;
  let firstDelay = start < actions.length ? at[start]! - u : 0;

  const signInEnd = actions.findIndex((a) => a.kind === "signIn");
  if (signInEnd >= 0 && start <= signInEnd) {
    start = 0;
  } else if (start < actions.length && actions[start]!.kind === "quizSubmit") {
    // The attempt was started in the skipped part: start it again now, answer for the rest.
    const remaining = at[start]! - u;
    const jitter = Math.min(startJitter, remaining / 2);
    start -= 1;
    delays.set(start + 1, Math.max(1, remaining - jitter));
    firstDelay = jitter;
  } else {
    while (start < actions.length && (actions[start]!.kind === "reviewPage" || actions[start]!.kind === "certificate")) {
      start += 1;
      firstDelay = start < actions.length ? at[start]! - u : 0;
    }
  }

  // What the skipped actions did.
  const prefix: Prefix = { completed: [], reading: null, signedIn: start > 0 };
  let opened: { lesson: number; at: number; beats: number; lastCredit: number } | null = null;
  for (let i = 0; i < start; i++) {
    const a = actions[i]!;
    if (a.kind === "open") opened = { lesson: a.lesson!, at: at[i]!, beats: 0, lastCredit: at[i]! };
    else if (a.kind === "heartbeat" && opened) {
      opened.beats += 1;
      opened.lastCredit = at[i]!;
    } else if (a.kind === "complete" && opened) {
      prefix.completed.push({ lesson: opened.lesson, openedAgo: u - opened.at, completedAgo: u - at[i]!, beats: opened.beats });
      opened = null;
    }
  }
  if (opened) prefix.reading = { lesson: opened.lesson, openedAgo: u - opened.at, beats: opened.beats, lastCreditAgo: u - opened.lastCredit };
  return { start, firstDelay: Math.max(0, firstDelay), delays, prefix };
}

/**
 * A warm start at a uniformly random moment of a sitting, the sitting itself accepted with
 * probability proportional to its length (`maxSeconds` bounds the lengths): the moment an
 * observer finds a learner in is more likely to fall in a long sitting. Attempts under way are
 * started again within `startJitter` seconds, spread at random. Returns null when the sitting
 * is rejected (draw another).
 */
export function warmStart(rng: Rng, actions: readonly Action[], maxSeconds: number, startJitter = 5): WarmStart | null {
  const length = sittingSeconds(actions);
  if (rng() * maxSeconds > length) return null;
  const w = warmStartAt(actions, rng() * length, rng() * startJitter);
  return w.start < actions.length ? w : null;
}

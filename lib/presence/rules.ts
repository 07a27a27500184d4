import { z } from "zod";

/**
 * Presence checks (verifiche di presenza), pure rules: when to ask, what to ask, whether the
 * answer is right. Tax-credit e-learning rules ask for "simple questions at unpredictable
 * moments" to show the learner is in front of the lesson (docs/FUNDED_TRAINING.md); a funding
 * plan may ask for the same (`funding_plans.presence_check_seconds`, off when null).
 *
 * Time here is ACTIVE time, as the server credits it from heartbeats: an idle or hidden page
 * earns none, so it is never asked anything either.
 */

/** A random float in [0, 1): `crypto`-backed on the server, seeded in tests. */
export type Random = () => number;

/** The averages the plan form offers, in minutes. */
export const PRESENCE_MINUTES_CHOICES = [10, 15, 20, 30, 45, 60] as const;

/** What the form may store: 5 minutes to 2 hours (smaller values are for tests, written directly). */
export const PRESENCE_SECONDS_MIN = 5 * 60;
export const PRESENCE_SECONDS_MAX = 120 * 60;

/**
 * The shape of the moment of a question, for an average of `meanSeconds` active seconds:
 * - a quiet period of a third of the average after the last question (or the sign-in), when
 *   nothing is ever asked — the learner has been in the lesson a while;
 * - then a constant hazard (memoryless: the elapsed time tells nothing about the next moment),
 *   so that the expected gap is close to the average;
 * - never more than twice the average without a question.
 */
export function presenceWindow(meanSeconds: number): { quietSeconds: number; hazardSeconds: number; maxSeconds: number } {
  if (!(Number.isFinite(meanSeconds) && meanSeconds > 0)) throw new RangeError("presenceWindow: meanSeconds must be > 0");
  const quietSeconds = meanSeconds / 3;
  return { quietSeconds, hazardSeconds: meanSeconds - quietSeconds, maxSeconds: 2 * meanSeconds };
}

/**
 * Whether the heartbeat that just credited `creditedSeconds` asks a question, given the active
 * seconds credited since the last question (`activeSinceSeconds`, this heartbeat included).
 * Never during the quiet period, whatever the draw; always at twice the average; in between
 * with probability 1 − e^(−exposure / hazard), where the exposure is the part of this heartbeat
 * past the quiet period.
 */
export function shouldAsk(o: { meanSeconds: number; activeSinceSeconds: number; creditedSeconds: number; random: Random }): boolean {
  if (o.creditedSeconds <= 0) return false;
  const w = presenceWindow(o.meanSeconds);
  if (o.activeSinceSeconds < w.quietSeconds) return false;
  if (o.activeSinceSeconds >= w.maxSeconds) return true;
  const exposure = Math.min(o.creditedSeconds, o.activeSinceSeconds - w.quietSeconds);
  return o.random() < 1 - Math.exp(-exposure / w.hazardSeconds);
}

/** What the learner is asked: "how much is a + b?", with four options. */
export const PresenceQuestionSchema = z.strictObject({
  a: z.int().min(1).max(9),
  b: z.int().min(1).max(9),
  options: z.array(z.int()).length(4),
});
export type PresenceQuestion = z.infer<typeof PresenceQuestionSchema>;

const pick = (random: Random, n: number) => Math.min(n - 1, Math.floor(random() * n));

/** How far from the right sum the wrong options may be. */
const SPREAD = 5;

/**
 * A question with the right sum once among four distinct positive options, listed in ascending
 * order (quick to scan). The right one's place is drawn first, uniformly (as far as a small
 * sum allows), then the wrong options within ±5 of it: neither the place nor the spread says
 * which is right, so a script cannot answer without computing.
 */
export function makeQuestion(random: Random): PresenceQuestion {
  const a = 1 + pick(random, 9);
  const b = 1 + pick(random, 9);
  const right = a + b;
  const below: number[] = [];
  const above: number[] = [];
  for (let v = Math.max(1, right - SPREAD); v < right; v++) below.push(v);
  for (let v = right + 1; v <= right + SPREAD; v++) above.push(v);
  const under = pick(random, Math.min(3, below.length) + 1);
  const draw = (from: number[], n: number) => Array.from({ length: n }, () => from.splice(pick(random, from.length), 1)[0]!);
  const options = [...draw(below, under), right, ...draw(above, 3 - under)];
  return { a, b, options: options.sort((x, y) => x - y) };
}

export function isRightAnswer(q: PresenceQuestion, answer: number): boolean {
  return answer === q.a + q.b;
}

/** The median of the delays (seconds), or null with none. */
export function medianSeconds(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((x, y) => x - y);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

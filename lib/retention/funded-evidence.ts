import { romeWallClock } from "@/lib/reports/format";

/**
 * How long the raw evidence of a funded plan is kept: funds and regions check the tracking logs
 * at final reporting and in spot checks for years after a plan closes (FUNDED_TRAINING.md,
 * "practice: up to 10"), so `db:retention` keeps a funded plan's evidence at least this many
 * years after the plan's end date (`funding_plans.ends_on`), and for as long as the plan has no
 * end date (it is still open). A "non-finanziato" plan has no fund to answer to: its evidence
 * follows the ordinary retention. Pure.
 */
export const FUNDED_EVIDENCE_YEARS = 10;

/** The last day (`YYYY-MM-DD`, inclusive) a plan ending on `endsOn` keeps its evidence: the same day `years` later (29 February: 1 March). */
export function evidenceKeptThrough(endsOn: string, years = FUNDED_EVIDENCE_YEARS): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(endsOn);
  if (!m) throw new RangeError(`evidenceKeptThrough: not a yyyy-mm-dd day: ${endsOn}`);
  // Date.UTC rolls an impossible day (29 Feb in a common year) forward: later, never earlier.
  const d = new Date(Date.UTC(Number(m[1]) + years, Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10);
}

export type PlanForRetention = { id: number; fund: string; endsOn: string | null };

/** Why a plan's evidence is held at `now`, or null when it is not (not funded, or kept long enough). */
export function evidenceHold(plan: PlanForRetention, now: Date, years = FUNDED_EVIDENCE_YEARS): { keptThrough: string | null } | null {
  if (plan.fund === "non-finanziato") return null;
  // No end date: the plan is open. An end date that is not a day cannot be counted from: keep.
  if (plan.endsOn === null || !/^\d{4}-\d{2}-\d{2}$/.test(plan.endsOn)) return { keptThrough: null };
  const keptThrough = evidenceKeptThrough(plan.endsOn, years);
  const w = romeWallClock(now);
  const today = `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
  return today <= keptThrough ? { keptThrough } : null;
}

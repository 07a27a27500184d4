/**
 * Folds the results of repeated benchmark runs into one: every number becomes the median of
 * the runs, with `<name>Min` and `<name>Max` beside it; objects are folded key by key; any
 * other value (text, lists, flags) is the first run's. So bench/results.json keeps the keys a
 * single run had, each figure now a median with its spread.
 */
import { spread } from "./stats";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Keys whose numbers are labels or counts of a run's own, not figures to take the median of. */
const KEEP_FIRST = new Set(["profileOffsetMs", "learner", "statusCodes", "rssByPhaseMB", "memoryUsageStartMB", "memoryUsageAfterLoadMB", "memoryUsageEndMB", "routeHandlerStatsBefore", "routeHandlerStatsAfter", "window"]);

export function aggregateRuns(runs: readonly unknown[], digits = 3): unknown {
  const present = runs.filter((r) => r !== undefined);
  if (present.length === 0) return undefined;
  const first = present[0];
  if (present.every((r) => typeof r === "number" && Number.isFinite(r))) return roundTo(spread(present as number[]).median, digits);
  if (!present.every(isPlainObject)) return first;
  const out: Record<string, unknown> = {};
  const keys = [...new Set(present.flatMap((r) => Object.keys(r as Record<string, unknown>)))];
  for (const k of keys) {
    const values = present.map((r) => (r as Record<string, unknown>)[k]);
    const numbers = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
    if (!KEEP_FIRST.has(k) && numbers.length > 0 && numbers.length === values.filter((v) => v !== undefined && v !== null).length) {
      const s = spread(numbers);
      out[k] = roundTo(s.median, digits);
      if (present.length > 1) {
        out[`${k}Min`] = roundTo(s.min, digits);
        out[`${k}Max`] = roundTo(s.max, digits);
      }
    } else if (!KEEP_FIRST.has(k) && values.some(isPlainObject)) {
      out[k] = aggregateRuns(values.filter(isPlainObject), digits);
    } else {
      out[k] = values.find((v) => v !== undefined) ?? null;
    }
  }
  return out as Json;
}

function roundTo(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

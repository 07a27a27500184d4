/**
 * Small statistics the benchmark reports with: percentiles of latencies, and the median of
 * repeated runs with its spread (every published figure is the median of three runs, with
 * the minimum and maximum beside it, so a re-run can be checked against it).
 */

/** The median of a non-empty list (the middle value; the mean of the two middle ones for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError("median of an empty list");
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export type Spread = { median: number; min: number; max: number };

export function spread(xs: readonly number[]): Spread {
  if (xs.length === 0) throw new RangeError("spread of an empty list");
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

/**
 * `{ key: median, keyMin: min, keyMax: max }` over the runs' values — the shape every figure
 * of bench/results.json takes. Runs where the figure is missing (null) are left out; with no
 * value at all the three keys are null.
 */
export function withSpread<K extends string>(key: K, values: readonly (number | null | undefined)[], digits = 3): Record<K | `${K}Min` | `${K}Max`, number | null> {
  const xs = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  const r = (n: number) => Math.round(n * 10 ** digits) / 10 ** digits;
  const s = xs.length ? spread(xs) : null;
  return { [key]: s ? r(s.median) : null, [`${key}Min`]: s ? r(s.min) : null, [`${key}Max`]: s ? r(s.max) : null } as Record<K | `${K}Min` | `${K}Max`, number | null>;
}

/**
 * The nearest-rank percentile (p in 0..100) of a list sorted ascending: the smallest value
 * with at least p % of the values at or below it. Null for an empty list.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  if (!(p >= 0 && p <= 100)) throw new RangeError("percentile: p must be within 0..100");
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Latencies (ms) of one kind of request, kept whole (a step holds at most some 10^5 of them). */
export class LatencyLog {
  private values: number[] = [];

  add(ms: number): void {
    this.values.push(ms);
  }

  get count(): number {
    return this.values.length;
  }

  summary(): { count: number; p50: number | null; p90: number | null; p99: number | null; max: number | null; mean: number | null } {
    const s = Float64Array.from(this.values).sort();
    const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
    const mean = s.length ? s.reduce((a, b) => a + b, 0) / s.length : null;
    return { count: s.length, p50: round(percentile(s, 50)), p90: round(percentile(s, 90)), p99: round(percentile(s, 99)), max: round(percentile(s, 100)), mean: round(mean) };
  }
}

/**
 * The capacity search of the mixed load: how many learners active at once one server carries
 * with every page under the latency bound and no errors. A probe runs one load step at a
 * given number of learners and says whether it passed; levels are multiples of `grid`.
 *
 * - `find` (the first run): steps the load up, doubling, from `first`; at the first failing
 *   step it stops going up and bisects between the last passing level and the failing one
 *   down to one grid step.
 * - `verify` (the repeat runs): starts at an earlier run's result and steps one grid step at a
 *   time — up while steps pass, down while they fail — and stops at the first change.
 *
 * Either way the answer is the largest level that passed (0 when none did), and `capped`
 * says the search reached `max` (the dataset's size) without a failure: the server carries
 * at least that many.
 */

export type Probe = (learners: number) => Promise<boolean>;
export type SearchStep = { learners: number; pass: boolean };
/** `truncated`: the step budget ran out before the search ended (the answer is a lower bound). */
export type SearchResult = { maxLearners: number; capped: boolean; truncated: boolean; steps: SearchStep[] };

/** `maxSteps`: at most this many probes (a smoke run). */
export type SearchPlan =
  | { mode: "find"; grid: number; first: number; max: number; maxSteps?: number }
  | { mode: "verify"; grid: number; start: number; max: number; maxSteps?: number };

class OutOfSteps extends Error {}

/** Rounds to a multiple of `grid` within [grid, max]. */
export function toGrid(n: number, grid: number, max: number): number {
  const top = Math.floor(max / grid) * grid;
  return Math.min(top, Math.max(grid, Math.round(n / grid) * grid));
}

/**
 * A grid step that gives the search some 20–40 levels up to `max`, in round numbers
 * (…, 250, 500, 1,000, 2,500, …).
 */
export function gridFor(max: number): number {
  const nice = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000];
  return [...nice].reverse().find((g) => max / g >= 20) ?? 1;
}

export async function searchCapacity(plan: SearchPlan, probe: Probe): Promise<SearchResult> {
  if (!(plan.grid >= 1 && plan.max >= plan.grid)) throw new RangeError("searchCapacity: need grid ≥ 1 and max ≥ grid");
  const steps: SearchStep[] = [];
  const tried = new Map<number, boolean>();
  const run = async (learners: number) => {
    const known = tried.get(learners);
    if (known !== undefined) return known;
    if (plan.maxSteps !== undefined && steps.length >= plan.maxSteps) throw new OutOfSteps();
    const pass = await probe(learners);
    tried.set(learners, pass);
    steps.push({ learners, pass });
    return pass;
  };
  const top = Math.floor(plan.max / plan.grid) * plan.grid;
  try {
    return { ...(await search(plan, run, top)), truncated: false, steps };
  } catch (e) {
    if (!(e instanceof OutOfSteps)) throw e;
    const passed = steps.filter((s) => s.pass).map((s) => s.learners);
    return { maxLearners: passed.length ? Math.max(...passed) : 0, capped: false, truncated: true, steps };
  }
}

async function search(plan: SearchPlan, run: Probe, top: number): Promise<{ maxLearners: number; capped: boolean }> {
  if (plan.mode === "verify") {
    let level = toGrid(plan.start, plan.grid, plan.max);
    if (await run(level)) {
      while (level < top) {
        if (!(await run(level + plan.grid))) return { maxLearners: level, capped: false };
        level += plan.grid;
      }
      return { maxLearners: level, capped: true };
    }
    while (level > plan.grid) {
      level -= plan.grid;
      if (await run(level)) return { maxLearners: level, capped: false };
    }
    return { maxLearners: 0, capped: false };
  }

  let pass = 0;
  let level = toGrid(plan.first, plan.grid, plan.max);
  while (await run(level)) {
    pass = level;
    if (level >= top) return { maxLearners: level, capped: true };
    level = toGrid(Math.max(level * 2, level + plan.grid), plan.grid, plan.max);
  }
  let fail = level;
  // Bisect between the last pass (0 if the first step failed) and the first failure.
  while (fail - pass > plan.grid) {
    const mid: number = Math.floor((pass + fail) / 2 / plan.grid) * plan.grid;
    const probeAt: number = mid <= pass ? pass + plan.grid : mid;
    if (await run(probeAt)) pass = probeAt;
    else fail = probeAt;
  }
  return { maxLearners: pass, capped: false };
}

/**
 * Random sources and the shuffle used to draw quizzes. Every function that draws takes an
 * `rng: () => number` returning values in [0, 1), so tests can pass a seeded one.
 */
import { randomInt } from "node:crypto";

/** A random number generator returning values in [0, 1). */
export type Rng = () => number;

// randomInt needs max - min < 2^48.
const CRYPTO_RANGE = 2 ** 48 - 1;

/** Production source: uniform in [0, 1) from the operating system's CSPRNG (`crypto.randomInt`). */
export const cryptoRandom: Rng = () => randomInt(0, CRYPTO_RANGE) / CRYPTO_RANGE;

/**
 * A small seeded PRNG (mulberry32) for tests and reproducible examples. Not for production
 * draws: its sequence is predictable from the seed.
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy of `items` (Fisher–Yates). Values of `rng` outside [0, 1) are clamped. */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const r = rng();
    const j = Math.min(i, Math.max(0, Math.floor((Number.isFinite(r) ? r : 0) * (i + 1))));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * Stands in for `node:crypto` in the browser bundle: the only function the quiz code uses,
 * `randomInt(min, max)`, from the browser's CSPRNG (uniform by rejection sampling).
 */
export function randomInt(min: number, max: number): number {
  const range = max - min;
  if (!(range > 0) || range > 2 ** 48) throw new RangeError("randomInt: bad range");
  const words = new Uint32Array(2);
  const limit = Math.floor(2 ** 53 / range) * range;
  for (;;) {
    crypto.getRandomValues(words);
    const n = (words[0] as number) * 2 ** 21 + ((words[1] as number) >>> 11);
    if (n < limit) return min + (n % range);
  }
}

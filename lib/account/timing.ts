/**
 * Waits until at least `minimumMs` have passed since `startedAt` (a `performance.now()`
 * value), so an answer takes the same time whichever branch produced it.
 */
export async function padToMinimum(startedAt: number, minimumMs: number): Promise<void> {
  const wait = minimumMs - (performance.now() - startedAt);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

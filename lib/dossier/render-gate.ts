/**
 * One dossier PDF is rendered at a time in this process. pdf-lib builds a whole document in
 * memory: the demo plan's 41-page register takes ~60–100 MB of heap while it is drawn, and two
 * at once (a ZIP beside a register download, or an auditor's and an admin's clicks) ran the
 * server out of its capped heap. The renders queue instead; each is a few seconds at most.
 */
let tail: Promise<unknown> = Promise.resolve();

export function renderOneAtATime<T>(render: () => Promise<T>): Promise<T> {
  const run = tail.then(render, render);
  // The queue goes on whether this render succeeds or fails.
  tail = run.catch(() => undefined);
  return run;
}

/**
 * Runs once when a Next server process starts (Next's instrumentation hook). In the Node.js
 * server — not at build time, not in the edge runtime — it installs the start-up and graceful
 * shutdown steps of lib/runtime/shutdown.ts: the lock file `npm run db:restore` checks, and a
 * WAL checkpoint plus close of the database once the last in-flight request has finished; and
 * the direct routes the production server's front door answers without Next's pipeline.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startServerLifecycle } = await import("./lib/runtime/shutdown");
  await startServerLifecycle();
  // The production server's front door answers the training day's hot routes itself (lib/runtime/direct-routes.ts).
  const { installDirectRoutes } = await import("./lib/runtime/direct-routes");
  installDirectRoutes();
}

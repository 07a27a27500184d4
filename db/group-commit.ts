import { hasSqliteConnection } from "./open";
import { currentTransaction } from "./engine/transaction-owner";
import type { Engine } from "./engine/types";

type Job = { fn: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void };

const pending = new WeakMap<Engine, Job[]>();
/**
 * Per process, on globalThis: the submit runs from the direct routes' bundle and from the quiz
 * form's, each with its own copy of this module (lib/runtime/direct-routes.ts).
 */
const holder = globalThis as { __binomioGroupCommitStats?: { groups: number; calls: number } };
const stats = (holder.__binomioGroupCommitStats ??= { groups: 0, calls: 0 });

/** Groups committed and calls they carried since the process started (`npm run bench` reports the mean group size). */
export function groupCommitStats(): { groups: number; calls: number } {
  return { ...stats };
}

/**
 * Runs `fn` in a write transaction shared with the other `groupCommit` calls made on the same
 * connection in the same turn of the event loop, and resolves once that transaction has
 * committed — so a caller answers only for what is on disk.
 *
 * Why: on the final-test submit, COMMIT (writing ~23 WAL pages: the attempt, three audit
 * events, the completion, the certificate and their indexes) was a quarter of the work, and
 * submissions arriving together share most of those pages (README "Performance").
 *
 * Each call runs in its own savepoint, so one that throws is rolled back alone and rejects
 * with its error while the others commit. When BEGIN or COMMIT itself fails, every call of the
 * group rejects with that error and nothing of the group is written.
 *
 * `fn` runs later, outside the caller's stack and in the first caller's async context: it must
 * not rely on a transaction the caller holds (refused) nor read request state (cookies,
 * headers), may await only database statements (it runs inside the group's transaction:
 * db/engine/types.ts), and sees the database as it is when the group runs.
 */
export function groupCommit<T>(d: Engine, fn: () => T | Promise<T>): Promise<T> {
  if (currentTransaction() || (hasSqliteConnection(d) && d.sqlite.inTransaction)) {
    return Promise.reject(new Error("groupCommit: called inside an open transaction, whose writes it could not join"));
  }
  return new Promise<T>((resolve, reject) => {
    let jobs = pending.get(d);
    if (!jobs) {
      jobs = [];
      pending.set(d, jobs);
      setImmediate(() => void runGroup(d, jobs!));
    }
    jobs.push({ fn, resolve: resolve as (value: unknown) => void, reject });
  });
}

async function runGroup(d: Engine, jobs: Job[]): Promise<void> {
  pending.delete(d);
  stats.groups++;
  stats.calls += jobs.length;
  const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
  try {
    await d.write(async () => {
      for (const job of jobs) {
        try {
          outcomes.push({ ok: true, value: await d.write(async () => job.fn()) });
        } catch (error) {
          // Some errors (SQLITE_FULL, IOERR, NOMEM) make SQLite roll back the whole transaction:
          // the group is then lost as a whole; carrying on would commit later jobs on their own.
          if (hasSqliteConnection(d) && !d.sqlite.inTransaction) throw error;
          outcomes.push({ ok: false, error });
        }
      }
    });
  } catch (error) {
    for (const job of jobs) job.reject(error);
    return;
  }
  jobs.forEach((job, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) job.resolve(outcome.value);
    else job.reject(outcome.error);
  });
}

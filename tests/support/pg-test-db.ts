import { inject } from "vitest";
import { clusterHandle, startPgCluster, type PgCluster } from "./pg-cluster";
import { runOnce } from "./run-once";

declare module "vitest" {
  export interface ProvidedContext {
    /** A directory of this vitest run for what is made once per run (tests/support/run-once.ts): the PostgreSQL cluster, seeded templates. */
    pgRunDir: string;
    /** The vitest main process: the cluster stops when it ends. */
    pgOwnerPid: number;
  }
}

/**
 * The run's one PostgreSQL cluster, started by the first test file that asks (the others wait for
 * it): runs without a PostgreSQL test pay nothing. tests/support/vitest-global-setup.ts stops it.
 */
export async function sharedPgCluster(): Promise<PgCluster> {
  const found = await runOnce("cluster", async () => {
    const cluster = await startPgCluster({ ownerPid: inject("pgOwnerPid"), stopOnExit: false });
    return { port: cluster.port, dir: cluster.dir };
  }, 120_000);
  return clusterHandle(found.port, found.dir);
}

/** A new database in the run's cluster, for one test file: empty, or a copy of `template`. Its URL. */
export async function createTestPgDatabase(template?: string): Promise<string> {
  return (await sharedPgCluster()).createDatabase(undefined, template);
}

import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { inject } from "vitest";
import { clusterHandle, startPgCluster, type PgCluster } from "./pg-cluster";

declare module "vitest" {
  export interface ProvidedContext {
    /** A directory of this vitest run where the shared PostgreSQL cluster is recorded once started. */
    pgRunDir: string;
    /** The vitest main process: the cluster stops when it ends. */
    pgOwnerPid: number;
  }
}

type Recorded = { port: number; dir: string } | { error: string };

/**
 * The run's one PostgreSQL cluster, started by the first test file that asks (the others wait for
 * it): runs without a PostgreSQL test pay nothing. tests/support/vitest-global-setup.ts stops it.
 */
export async function sharedPgCluster(): Promise<PgCluster> {
  const runDir = inject("pgRunDir");
  const record = path.join(runDir, "cluster.json");
  const read = (): Recorded | undefined => (fs.existsSync(record) ? (JSON.parse(fs.readFileSync(record, "utf8")) as Recorded) : undefined);
  let found = read();
  if (!found) {
    let starter = false;
    try {
      fs.mkdirSync(path.join(runDir, "starting"));
      starter = true;
    } catch {
      // Another test file is starting it.
    }
    if (starter) {
      let result: Recorded;
      try {
        const cluster = await startPgCluster({ ownerPid: inject("pgOwnerPid"), stopOnExit: false });
        result = { port: cluster.port, dir: cluster.dir };
      } catch (e) {
        result = { error: e instanceof Error ? e.message : String(e) };
      }
      fs.writeFileSync(`${record}.tmp`, JSON.stringify(result));
      fs.renameSync(`${record}.tmp`, record);
    }
    for (let waited = 0; !(found = read()); waited += 100) {
      if (waited > 120_000) throw new Error("The shared PostgreSQL cluster did not start within 120 s.");
      await sleep(100);
    }
  }
  if ("error" in found) throw new Error(found.error);
  return clusterHandle(found.port, found.dir);
}

/** A new, empty database in the run's cluster, for one test file: its URL. */
export async function createTestPgDatabase(): Promise<string> {
  return (await sharedPgCluster()).createDatabase();
}

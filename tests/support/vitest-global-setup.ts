import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { composeTestContent } from "./compose-content";
import { stopClusterAt } from "./pg-cluster";
import { madeOnce } from "./run-once";
import type {} from "./pg-test-db"; // the provided keys' types

/**
 * Every vitest worker reads the composed content (real course + test fixture course). The run's
 * PostgreSQL cluster is started lazily by the first test that needs it (tests/support/pg-test-db.ts);
 * here it is only given a place to be recorded, and stopped at the end.
 */
export default function setup(project: TestProject) {
  const dir = composeTestContent();
  process.env.CONTENT_DIR = dir;
  const pgRunDir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-vitest-pg-"));
  project.provide("pgRunDir", pgRunDir);
  project.provide("pgOwnerPid", process.pid);
  return () => {
    fs.rmSync(dir, { recursive: true, force: true });
    const cluster = madeOnce<{ dir: string }>(pgRunDir, "cluster"); // tests/support/pg-test-db.ts
    if (cluster) stopClusterAt(cluster.dir);
    fs.rmSync(pgRunDir, { recursive: true, force: true });
  };
}

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import base from "./vitest.config.mts";

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const dir = path.join(__dirname, "tests/integration");

/**
 * The integration suite again, on PostgreSQL: every test file that opens its database with
 * `openTestDb()` or `openSeededDemo()` (tests/integration/support/) runs here with BINOMIO_TEST_ENGINE=postgres.
 * The files that test SQLite itself (its files, backups, snapshots, the read worker) are not
 * among them; the tests written for both engines from the start (`engineFactories`) already run
 * both in the main run.
 */
const dualEngine = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".test.ts") && /\b(openTestDb|openSeededDemo)\(/.test(fs.readFileSync(path.join(dir, f), "utf8")))
  .map((f) => `tests/integration/${f}`);

// Not mergeConfig: it would append this include to the base one.
export default defineConfig({
  ...base,
  test: { ...base.test, include: dualEngine, env: { BINOMIO_TEST_ENGINE: "postgres" } },
});

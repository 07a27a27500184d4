import { defineConfig, devices } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { composeTestContent } from "./tests/support/compose-content";
import { chromiumLaunch } from "./tests/support/chromium";

/**
 * E2E runs against the production build (`next start`) on 127.0.0.1 with its own SQLite
 * file, seeded by the same `npm run demo` a user runs. Workers inherit E2E_DIR from the
 * main process, so every process agrees on the database file the server uses.
 */
process.env.E2E_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "binomio-e2e-"));
// scripts/test.sh composes it before building; composing here too keeps `npx playwright test` working alone.
process.env.CONTENT_DIR ??= composeTestContent();
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DB = path.join(process.env.E2E_DIR, "e2e.db");
const ORIGIN = `http://127.0.0.1:${PORT}`;
/**
 * The authorization matrix and the hostile inputs fingerprint the whole database around every
 * refused call, so nothing else may write to it meanwhile. They get a server and a database of
 * their own (next port) instead of waiting for the other tests: a failure elsewhere can then
 * never skip them (a project `dependencies` would), and they run beside the rest.
 */
const ISOLATED_PORT = PORT + 1;
const ISOLATED_DB = path.join(process.env.E2E_DIR, "isolated.db");
const ISOLATED_ORIGIN = `http://127.0.0.1:${ISOLATED_PORT}`;
const FINGERPRINTING = /authorization-matrix|hostile-inputs/;

function server(port: number, database: string, cache: string) {
  const origin = `http://127.0.0.1:${port}`;
  return {
    command: "npm run demo -- --no-build",
    url: `${origin}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    env: {
      DATABASE_PATH: database,
      PORT: String(port),
      HOST: "127.0.0.1",
      AUTH_URL: origin,
      AUTH_SECRET: "e2e-secret-0123456789-abcdefghijklmnop",
      CONTENT_DIR: process.env.CONTENT_DIR!,
      MDX_CACHE_DIR: path.join(process.env.E2E_DIR!, cache),
    },
  };
}

export default defineConfig({
  testDir: "tests/e2e",
  // Not test-results itself: Playwright empties its output folder, and the screenshots live beside it.
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // A user flow's own budget. Steps known to be slow on a loaded machine add theirs where they
  // run: each axe scan (tests/support/axe.ts), PDF parsing, imports and exports (test.slow()).
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [["list"]],
  use: {
    baseURL: ORIGIN,
    locale: "it-IT",
    trace: "retain-on-failure",
    launchOptions: chromiumLaunch,
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: FINGERPRINTING, metadata: { database: E2E_DB } },
    // One file at a time: the matrix and the hostile inputs fingerprint the same (own) database.
    {
      name: "isolated",
      use: { ...devices["Desktop Chrome"], channel: undefined, baseURL: ISOLATED_ORIGIN },
      testMatch: FINGERPRINTING,
      workers: 1,
      metadata: { database: ISOLATED_DB },
    },
  ],
  webServer: [server(PORT, E2E_DB, "mdx-cache"), server(ISOLATED_PORT, ISOLATED_DB, "mdx-cache-isolated")],
});

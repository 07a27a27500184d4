import { defineConfig, devices } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { composeTestContent } from "./tests/support/compose-content";

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

const chromiumPath = process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [["list"]],
  use: {
    baseURL: ORIGIN,
    locale: "it-IT",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: /authorization-matrix|hostile-inputs/ },
    // Runs alone after the others: it fingerprints the whole database around every refused call.
    { name: "matrix", use: { ...devices["Desktop Chrome"], channel: undefined }, testMatch: /authorization-matrix/, dependencies: ["chromium"] },
    // Same reason, and not beside the matrix: both fingerprint the whole database.
    { name: "hostile", use: { ...devices["Desktop Chrome"], channel: undefined }, testMatch: /hostile-inputs/, dependencies: ["matrix"] },
  ],
  webServer: {
    command: "npm run demo -- --no-build",
    url: `${ORIGIN}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      DATABASE_PATH: E2E_DB,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      AUTH_URL: ORIGIN,
      AUTH_SECRET: "e2e-secret-0123456789-abcdefghijklmnop",
      CONTENT_DIR: process.env.CONTENT_DIR,
      MDX_CACHE_DIR: path.join(process.env.E2E_DIR, "mdx-cache"),
    },
  },
});

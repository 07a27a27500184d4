import { defineConfig, devices } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromiumLaunch } from "./tests/support/chromium";

/**
 * `npm run screenshots`: every page each demo role reaches, in every state, at 1,280 and 375 px,
 * with axe and the text checks (tests/screenshots). Against `npm run demo` — the real content
 * (built first if the build is missing or stale), a database of its own seeded with the demo
 * company — on 127.0.0.1:SCREENSHOTS_PORT (default 3200).
 */
process.env.SCREENSHOTS_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "binomio-screens-"));
const PORT = Number(process.env.SCREENSHOTS_PORT ?? 3200);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const DATABASE = path.join(process.env.SCREENSHOTS_DIR, "screens.db");

export default defineConfig({
  testDir: "tests/screenshots",
  // Cleaned at every run: no screenshot of a state that no longer exists survives.
  outputDir: "test-results/screenshots",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  // Per state: the navigation and its form work; each axe scan adds its own budget (tests/support/axe.ts).
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["./tests/screenshots/support/summary-reporter.ts"]],
  use: {
    baseURL: ORIGIN,
    locale: "it-IT",
    timezoneId: "Europe/Rome",
    trace: "off",
    // Debian's chromium here has only its English locale: the file picker's own button reads
    // "Choose File" in the screenshots, where an Italian employee's browser shows "Scegli file".
    launchOptions: chromiumLaunch,
  },
  projects: [{ name: "screenshots", use: { ...devices["Desktop Chrome"], channel: undefined, viewport: { width: 1280, height: 800 } }, metadata: { database: DATABASE } }],
  webServer: {
    command: "npm run demo",
    url: `${ORIGIN}/api/health`,
    // Room for a production build when the existing one is missing or was made from other content.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      DATABASE_PATH: DATABASE,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      AUTH_URL: ORIGIN,
      AUTH_SECRET: "screens-secret-0123456789-abcdefghijklmnop",
      CONTENT_DIR: path.resolve("content"),
      MDX_CACHE_DIR: path.join(process.env.SCREENSHOTS_DIR, "mdx-cache"),
    },
  },
});

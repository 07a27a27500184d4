import { defineConfig, devices } from "@playwright/test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { composeTestContent } from "./tests/support/compose-content";
import { chromiumLaunch } from "./tests/support/chromium";

/**
 * E2E runs against the production build (`next start`) on 127.0.0.1 with its own database,
 * seeded by the same `npm run demo` a user runs: an SQLite file by default, a throwaway
 * PostgreSQL 15 cluster with E2E_DATABASE=postgres (issue #24). Workers inherit E2E_DIR from the
 * main process, so every process agrees on the database the server uses.
 */
process.env.E2E_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "binomio-e2e-"));
// scripts/test.sh composes it before building; composing here too keeps `npx playwright test` working alone.
process.env.CONTENT_DIR ??= composeTestContent();
const PORT = Number(process.env.E2E_PORT ?? 3100);
const ENGINE = process.env.E2E_DATABASE ?? "sqlite";
if (ENGINE !== "sqlite" && ENGINE !== "postgres") throw new Error(`E2E_DATABASE must be sqlite or postgres, not "${ENGINE}"`);
/** E2E_DATABASE=postgres: the cluster of tests/support/run-e2e-postgres.ts, one database per site. */
const PG_PORT = PORT + 30;
const PG_READY_PORT = PORT + 31;
/** A site's database: an SQLite file in E2E_DIR, or a database of the e2e cluster (what `metadata.database` tells the helpers). */
const databaseOf = (name: string) => (ENGINE === "postgres" ? `postgres://postgres@127.0.0.1:${PG_PORT}/${name}` : path.join(process.env.E2E_DIR!, `${name}.db`));
const E2E_DB = databaseOf("e2e");
const ORIGIN = `http://127.0.0.1:${PORT}`;
/**
 * The authorization matrix and the hostile inputs fingerprint the whole database around every
 * refused call, so nothing else may write to it meanwhile. They get a server and a database of
 * their own (next port) instead of waiting for the other tests: a failure elsewhere can then
 * never skip them (a project `dependencies` would), and they run beside the rest.
 */
const ISOLATED_PORT = PORT + 1;
const ISOLATED_DB = databaseOf("isolated");
const ISOLATED_ORIGIN = `http://127.0.0.1:${ISOLATED_PORT}`;
const FINGERPRINTING = /authorization-matrix|hostile-inputs/;
/** What only means something with several processes behind the proxy (E2E_PROCESSES below). */
const MULTI_PROCESS_ONLY = /multi-process\.spec/;

/**
 * E2E_PROCESSES=2 (issue #24): each of the two sites above is served by that many `next start`
 * processes on the same database, behind a round-robin proxy on the site's port
 * (tests/support/round-robin-proxy.ts), so a learner's consecutive requests land on different
 * processes. The processes listen on E2E_PORT+10… (E2E_PORT+2…+4 are the SSO spec's providers).
 * Unset or 1: one process per site, as before.
 */
const PROCESSES = Number(process.env.E2E_PROCESSES ?? 1);
if (!Number.isInteger(PROCESSES) || PROCESSES < 1 || PROCESSES > 4) throw new Error(`E2E_PROCESSES must be 1 to 4, not "${process.env.E2E_PROCESSES}"`);
const FIRST_PROCESS_PORT = PORT + 10;
/** The first site's compile cache, in E2E_DIR (on PostgreSQL the cluster's seed fills it first). */
const FIRST_SITE_CACHE = "mdx-cache";

type WebServer = { command: string; url: string; timeout: number; reuseExistingServer: boolean; stdout: "pipe"; env: Record<string, string> };

/**
 * One `next start` process of a site. The first seeds the database (`npm run demo`; on
 * PostgreSQL the cluster's process has seeded it already, and it finds the demo present); the
 * others start after it is up (Playwright starts its web servers in order) with `npm start`,
 * which seeds nothing on a database that has users: two seeds at once would race.
 */
function appProcess(port: number, site: { origin: string; database: string; cache: string; first: boolean; behindProxy: boolean }): WebServer {
  return {
    command: site.first ? "npm run demo -- --no-build" : "npm start -- --no-build",
    url: `http://127.0.0.1:${port}/api/health`,
    // Seeding the demo takes ~15 s on SQLite (on PostgreSQL the cluster's process seeds: postgres() below).
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      ...(ENGINE === "postgres" ? { DATABASE_URL: site.database } : { DATABASE_PATH: site.database }),
      PORT: String(port),
      HOST: "127.0.0.1",
      AUTH_URL: site.origin,
      AUTH_SECRET: "e2e-secret-0123456789-abcdefghijklmnop",
      CONTENT_DIR: process.env.CONTENT_DIR!,
      MDX_CACHE_DIR: path.join(process.env.E2E_DIR!, site.cache),
      // The proxy says who the client is; nobody else may (its X-Forwarded-For is the socket's address).
      ...(site.behindProxy ? { TRUSTED_PROXIES: "127.0.0.1" } : {}),
    },
  };
}

/** A site: one process on `port`, or E2E_PROCESSES processes behind a round-robin proxy on `port`. */
function site(port: number, database: string, cache: string, index: number): WebServer[] {
  const origin = `http://127.0.0.1:${port}`;
  if (PROCESSES === 1) return [appProcess(port, { origin, database, cache, first: true, behindProxy: false })];
  const ports = Array.from({ length: PROCESSES }, (_, i) => FIRST_PROCESS_PORT + index * PROCESSES + i);
  const apps = ports.map((p, i) => appProcess(p, { origin, database, cache, first: i === 0, behindProxy: true }));
  const proxy: WebServer = {
    command: "node_modules/.bin/tsx tests/support/run-round-robin-proxy.ts",
    url: `${origin}/api/health`,
    timeout: 30_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: { PROXY_PORT: String(port), PROXY_UPSTREAMS: ports.map((p) => `http://127.0.0.1:${p}`).join(",") },
  };
  return [...apps, proxy];
}

/** E2E_DATABASE=postgres: the cluster first (Playwright starts its web servers in order), ready once both databases hold the demo. */
function postgres(): WebServer[] {
  if (ENGINE !== "postgres") return [];
  return [
    {
      command: "node_modules/.bin/tsx --conditions=react-server tests/support/run-e2e-postgres.ts",
      url: `http://127.0.0.1:${PG_READY_PORT}/`,
      // Seeding the demo on PostgreSQL takes about a minute (a write transaction per heartbeat, as the app makes them).
      timeout: 600_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        E2E_PG_PORT: String(PG_PORT),
        E2E_PG_READY_PORT: String(PG_READY_PORT),
        E2E_PG_DATABASES: "e2e,isolated",
        CONTENT_DIR: process.env.CONTENT_DIR!,
        // As the servers run: content is not watched for changes (development would rescan the tree on every lookup).
        NODE_ENV: "production",
        MDX_CACHE_DIR: path.join(process.env.E2E_DIR!, FIRST_SITE_CACHE),
      },
    },
  ];
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
    { name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: PROCESSES > 1 ? FINGERPRINTING : [FINGERPRINTING, MULTI_PROCESS_ONLY], metadata: { database: E2E_DB } },
    // One file at a time: the matrix and the hostile inputs fingerprint the same (own) database.
    {
      name: "isolated",
      use: { ...devices["Desktop Chrome"], channel: undefined, baseURL: ISOLATED_ORIGIN },
      testMatch: FINGERPRINTING,
      workers: 1,
      metadata: { database: ISOLATED_DB },
    },
  ],
  webServer: [...postgres(), ...site(PORT, E2E_DB, FIRST_SITE_CACHE, 0), ...site(ISOLATED_PORT, ISOLATED_DB, "mdx-cache-isolated", 1)],
});

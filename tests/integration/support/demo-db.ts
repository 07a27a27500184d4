import path from "node:path";
import { inject } from "vitest";
import { openEngine } from "@/db/engine/open";
import type { Dialect, Engine } from "@/db/engine/types";
import { clearCatalogCache } from "@/lib/content/catalog";
import { seedDemo } from "@/lib/demo/seed";
import { createTestPgDatabase } from "../../support/pg-test-db";
import { runOnce } from "../../support/run-once";
import { tempDb } from "./temp-db";
import { openTestDb, testEngineName, type TestDb } from "./test-db";

/** The moment the demo tests seed at: fixed, so their figures do not move with the clock. */
export const DEMO_SEEDED_AT = new Date("2026-12-04T15:00:00Z");

/**
 * Seeds a migrated, empty database exactly as `npm run demo` seeds it, on the engine it is given
 * (either database: `await seedDemoInto(await openTestDb())`). Call from `beforeAll`: seeding
 * compiles the demo courses, so give the hook a generous timeout. Tests that only read the demo
 * seeded at DEMO_SEEDED_AT take a copy instead (`openSeededDemo`).
 */
export async function seedDemoInto(t: Engine, now: Date = DEMO_SEEDED_AT): Promise<void> {
  clearCatalogCache();
  await seedDemo(t, now);
}

/**
 * The demo seeded at DEMO_SEEDED_AT, once per vitest run and engine, by the same `seedDemo`:
 * an SQLite file left closed, or a PostgreSQL database nobody stays connected to (a template
 * must have no other session). Seeding takes ~20 s on SQLite and ~60 s on PostgreSQL; a copy
 * takes a fraction of a second.
 */
function demoTemplate(engine: Dialect): Promise<string> {
  return runOnce(`demo-${engine}`, async () => {
    // The template's name on PostgreSQL (a database of the run's cluster), its file on SQLite.
    const at = engine === "postgres" ? await createTestPgDatabase() : path.join(inject("pgRunDir"), "demo-sqlite", "demo.db");
    const d = await openEngine(engine === "postgres" ? { url: at, file: "" } : { file: at });
    try {
      await seedDemoInto(d);
    } finally {
      await d.close();
    }
    return engine === "postgres" ? decodeURIComponent(new URL(at).pathname.slice(1)) : at;
  }, 600_000);
}

/** A database of its own holding the demo seeded at DEMO_SEEDED_AT, on the engine the run tests. */
export async function openSeededDemo(): Promise<TestDb> {
  clearCatalogCache();
  const engine = testEngineName();
  return openTestDb(await demoTemplate(engine));
}

/**
 * The demo in a temp SQLite file, for the tests that need the file itself (the SQLite-to-PostgreSQL
 * migration reads it; tests on the engine use `openSeededDemo`). `close()` removes it.
 */
export async function seededDemoDb(now: Date = DEMO_SEEDED_AT): Promise<ReturnType<typeof tempDb>> {
  if (now.getTime() === DEMO_SEEDED_AT.getTime()) {
    clearCatalogCache();
    return tempDb(await demoTemplate("sqlite"));
  }
  const t = tempDb();
  await seedDemoInto(t, now);
  return t;
}

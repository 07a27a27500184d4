import type { Engine } from "@/db/engine/types";
import { clearCatalogCache } from "@/lib/content/catalog";
import { seedDemo } from "@/lib/demo/seed";
import { tempDb } from "./temp-db";

/** The moment the demo tests seed at: fixed, so their figures do not move with the clock. */
export const DEMO_SEEDED_AT = new Date("2026-12-04T15:00:00Z");

/**
 * Seeds a migrated, empty database exactly as `npm run demo` seeds it, on the engine it is given
 * (either database: `await seedDemoInto(await openTestDb())`). Call from `beforeAll`: seeding
 * compiles the demo courses, so give the hook a generous timeout.
 */
export async function seedDemoInto(t: Engine, now: Date = DEMO_SEEDED_AT): Promise<void> {
  clearCatalogCache();
  await seedDemo(t, now);
}

/**
 * The demo in a temp SQLite file, for the tests that need the file itself (the SQLite-to-PostgreSQL
 * migration reads it; tests on the engine use `seedDemoInto`). `close()` removes it.
 */
export async function seededDemoDb(now: Date = DEMO_SEEDED_AT): Promise<ReturnType<typeof tempDb>> {
  const t = tempDb();
  await seedDemoInto(t, now);
  return t;
}

import { clearCatalogCache } from "@/lib/content/catalog";
import { seedDemo } from "@/lib/demo/seed";
import { tempDb } from "./temp-db";

/** The moment the demo tests seed at: fixed, so their figures do not move with the clock. */
export const DEMO_SEEDED_AT = new Date("2026-12-04T15:00:00Z");

/**
 * A temp SQLite file seeded exactly as `npm run demo` seeds it (call from `beforeAll`; seeding
 * compiles the demo courses, so give the hook a generous timeout). `close()` removes it.
 */
export async function seededDemoDb(now: Date = DEMO_SEEDED_AT): Promise<ReturnType<typeof tempDb>> {
  clearCatalogCache();
  const t = tempDb();
  await seedDemo(t, now);
  return t;
}

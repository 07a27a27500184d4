/**
 * The SQLite idioms PostgreSQL is taught (db/migrations-pg/0004_sqlite_idioms.sql), so the SQL
 * the app writes once runs on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "@/db/engine/types";
import { engineFactories } from "../support/engines";

const postgres = engineFactories().find((f) => f.name === "postgres")!;

describe("PostgreSQL speaks the SQLite idioms the app's SQL uses", () => {
  let e: Engine;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ engine: e, close } = await postgres.open({ migrate: true }));
  });
  afterAll(() => close());

  it("gives every table with an identity id the trigger that turns an inserted NULL id into the next one", async () => {
    const missing = await e.all<{ table_name: string }>(
      `SELECT c.table_name FROM information_schema.columns c
       WHERE c.table_schema = current_schema() AND c.column_name = 'id' AND c.is_identity = 'YES'
         AND NOT EXISTS (SELECT 1 FROM information_schema.triggers t
                         WHERE t.event_object_table = c.table_name AND t.trigger_name = c.table_name || '_null_id')
       ORDER BY 1`,
    );
    expect(missing).toEqual([]);
    const a = await e.get<{ id: number }>("INSERT INTO companies (id, name) VALUES (NULL, 'A') RETURNING id");
    const b = await e.get<{ id: number }>("INSERT INTO companies (name) VALUES ('B') RETURNING id");
    const c = await e.get<{ id: number }>("INSERT INTO companies (id, name) VALUES (NULL, 'C') RETURNING id");
    expect([b!.id - a!.id, c!.id - b!.id]).toEqual([1, 1]);
  });

  it("answers unixepoch() with the current whole second, as SQLite does", async () => {
    const before = Math.floor(Date.now() / 1000);
    const row = await e.get<{ now: number }>("SELECT unixepoch() AS now");
    expect(Number.isInteger(row!.now)).toBe(true);
    expect(row!.now).toBeGreaterThanOrEqual(before - 1);
    expect(row!.now).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 1);
  });
});

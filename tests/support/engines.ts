import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@/db/open";
import { openPostgres } from "@/db/pg/open";
import { sqliteEngine } from "@/db/engine/sqlite";
import { postgresEngine } from "@/db/engine/postgres";
import type { Engine } from "@/db/engine/types";
import { createTestPgDatabase } from "./pg-test-db";

export type OpenedEngine = {
  engine: Engine;
  /** How another process opens the same database (tests that append from several processes). */
  location: { DATABASE_PATH: string } | { DATABASE_URL: string };
  close: () => Promise<void>;
};
export type EngineFactory = { name: "sqlite" | "postgres"; open: (opts?: { migrate?: boolean }) => Promise<OpenedEngine> };

/** A fresh database per call on each engine the suite runs against: empty, or migrated with `migrate: true`. */
export function engineFactories(): EngineFactory[] {
  return [
    {
      name: "sqlite",
      open: async ({ migrate = false } = {}) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-engine-"));
        const file = path.join(dir, "e.db");
        const engine = sqliteEngine(openDatabase(file, { migrate }));
        return {
          engine,
          location: { DATABASE_PATH: file },
          close: async () => {
            await engine.close();
            fs.rmSync(dir, { recursive: true, force: true });
          },
        };
      },
    },
    {
      name: "postgres",
      open: async ({ migrate = false } = {}) => {
        const url = await createTestPgDatabase();
        const pg = await openPostgres(url, { migrate });
        return { engine: postgresEngine(pg.pool), location: { DATABASE_URL: url }, close: () => pg.close() };
      },
    },
  ];
}

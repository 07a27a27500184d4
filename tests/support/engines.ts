import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@/db/open";
import { sqliteEngine } from "@/db/engine/sqlite";
import type { Engine } from "@/db/engine/types";

export type EngineFactory = { name: "sqlite" | "postgres"; open: () => Promise<{ engine: Engine; close: () => Promise<void> }> };

/** A fresh, empty database per call on each engine the suite runs against. */
export function engineFactories(): EngineFactory[] {
  return [
    {
      name: "sqlite",
      open: async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-engine-"));
        const engine = sqliteEngine(openDatabase(path.join(dir, "e.db"), { migrate: false }));
        return {
          engine,
          close: async () => {
            await engine.close();
            fs.rmSync(dir, { recursive: true, force: true });
          },
        };
      },
    },
  ];
}

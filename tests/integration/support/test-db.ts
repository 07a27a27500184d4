import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@/db/open";
import { openPostgres } from "@/db/pg/open";
import { postgresEngine } from "@/db/engine/postgres";
import type { Dialect, Engine } from "@/db/engine/types";
import { createTestPgDatabase } from "../../support/pg-test-db";
import { copySqliteFile } from "./temp-db";

/**
 * The database of one integration test, on the engine the run tests: SQLite by default,
 * PostgreSQL when `BINOMIO_TEST_ENGINE=postgres` (vitest.postgres.config.mts runs every test file
 * that uses this helper that way). Tests written on it use only the engine (`t.get/all/run`,
 * `orm(t)`, `t.write/read`), so the same assertions hold on both databases.
 */
export type TestDb = Engine & {
  /** A temp dir of the test's own (content, exports, files a child process writes). */
  readonly dir: string;
  /** How a child process opens the same database. */
  readonly location: { DATABASE_PATH: string } | { DATABASE_URL: string };
  /** Another connection (SQLite) or pool (PostgreSQL) to the same database, closed with this one. */
  reopen(): Promise<Engine>;
};

export function testEngineName(): Dialect {
  return process.env.BINOMIO_TEST_ENGINE === "postgres" ? "postgres" : "sqlite";
}

/**
 * A migrated database, empty or a copy of `template`: on PostgreSQL a database of the run's
 * cluster, on SQLite a closed file (tests/integration/support/demo-db.ts makes one of each).
 * `close()` removes it (and its temp dir).
 */
export async function openTestDb(template?: string): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-test-"));
  const closers: (() => Promise<void>)[] = [];
  let engine: Engine;
  let location: TestDb["location"];
  let reopen: () => Promise<Engine>;
  if (testEngineName() === "postgres") {
    const url = await createTestPgDatabase(template);
    const opened = await openPostgres(url);
    closers.push(() => opened.close());
    engine = postgresEngine(opened.pool);
    location = { DATABASE_URL: url };
    reopen = async () => {
      const again = await openPostgres(url, { migrate: false });
      closers.push(() => again.close());
      return postgresEngine(again.pool);
    };
  } else {
    const file = path.join(dir, "nested", "test.db");
    if (template) copySqliteFile(template, file);
    const opened = openDatabase(file);
    // Bound now: `close` below replaces the engine's own.
    const closeOpened = opened.close.bind(opened);
    closers.push(closeOpened);
    engine = opened;
    location = { DATABASE_PATH: file };
    reopen = async () => {
      const again = openDatabase(file);
      closers.push(() => again.close());
      return again;
    };
  }
  // The engine itself, not a copy: on SQLite one engine per connection (db/engine/sqlite.ts).
  return Object.assign(engine, {
    dir,
    location,
    reopen,
    async close(): Promise<void> {
      for (const close of closers.reverse()) await close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  });
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type AppDatabase } from "@/db/open";

/** A migrated SQLite file in a fresh temp dir (empty, or a copy of the closed database `from`); `close()` removes it. */
export function tempDb(from?: string): AppDatabase & { file: string; dir: string; reopen: () => AppDatabase } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-test-"));
  const file = path.join(dir, "nested", "test.db");
  if (from) copySqliteFile(from, file);
  const d = openDatabase(file);
  const opened: AppDatabase[] = [d];
  // The engine itself, not a copy: one engine per connection (db/engine/sqlite.ts).
  return Object.assign(d, {
    file,
    dir,
    reopen() {
      const again = openDatabase(file);
      opened.push(again);
      return again;
    },
    // Synchronous, though typed as the engine's: callers close and remove in one step.
    close(): Promise<void> {
      for (const o of opened) if (o.sqlite.open) o.sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
}

/** A closed SQLite database's file (and its WAL, had one been left) to `to`. */
export function copySqliteFile(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
  if (fs.existsSync(`${from}-wal`)) fs.copyFileSync(`${from}-wal`, `${to}-wal`);
}

import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "../open";
import { openPostgres } from "../pg/open";
import { postgresEngine } from "./postgres";
import { sqliteEngine } from "./sqlite";
import type { Engine } from "./types";

/** Where the data lives: PostgreSQL at `url`, else the SQLite file at `file`. */
export type DatabaseLocation = { url?: string; file: string };

/**
 * Opens the engine the configuration names: PostgreSQL when a URL is given (DATABASE_URL),
 * else the SQLite file (DATABASE_PATH). `migrate: false` leaves the schema alone (tools that
 * only read); `mustExist` refuses to create an SQLite file that is not there.
 */
export async function openEngine(at: DatabaseLocation, opts: { migrate?: boolean; mustExist?: boolean } = {}): Promise<Engine> {
  if (at.url) return postgresEngine((await openPostgres(at.url, { migrate: opts.migrate })).pool);
  const file = path.resolve(/*turbopackIgnore: true*/ at.file);
  if (opts.mustExist && !fs.existsSync(/*turbopackIgnore: true*/ file)) throw new Error("no database at that path");
  return sqliteEngine(openDatabase(file, { migrate: opts.migrate }));
}

/** What a message may say about the location: the file, or the URL without its password. */
export function describeLocation(at: DatabaseLocation): string {
  if (!at.url) return path.resolve(/*turbopackIgnore: true*/ at.file);
  const u = new URL(at.url);
  if (u.password) u.password = "***";
  return u.toString();
}

import { afterEach, describe, expect, it } from "vitest";
import fs from "node:fs";
import { applyMigrations } from "@/db/migrate";
import { tempDb } from "./support/temp-db";

describe("database", () => {
  let t: ReturnType<typeof tempDb> | undefined;
  afterEach(() => t?.close());

  it("creates the folder, applies migrations and sets WAL, foreign keys and a busy timeout", () => {
    t = tempDb();
    expect(fs.existsSync(t.file)).toBe(true);
    expect(t.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(t.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(t.sqlite.pragma("busy_timeout", { simple: true })).toBe(5000);
    const tables = t.sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[];
    expect(tables.map((r) => r.name)).toEqual(expect.arrayContaining(["users", "user_roles", "auth_sessions", "login_attempts", "companies"]));
  });

  it("re-applying migrations is a no-op, also from a second connection", () => {
    t = tempDb();
    expect(applyMigrations(t.sqlite)).toBe(0);
    const other = t.reopen();
    expect(applyMigrations(other.sqlite)).toBe(0);
    const count = (t.sqlite.prepare('SELECT count(*) AS n FROM "__drizzle_migrations"').get() as { n: number }).n;
    expect(count).toBeGreaterThan(0);
    expect(count).toBe(fs.readdirSync("db/migrations").filter((f) => f.endsWith(".sql")).length);
  });

  it("enforces foreign keys", () => {
    t = tempDb();
    expect(() => t!.sqlite.prepare("INSERT INTO user_roles (user_id, role) VALUES (9999, 'admin')").run()).toThrow(/FOREIGN KEY/);
  });
});

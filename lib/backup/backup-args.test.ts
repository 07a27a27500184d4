import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { backupFileKind, parseBackupArgs } from "./backup-args";
import { libpqConnection, pgBinDir, withDatabase } from "./pg-tools";

describe("db:backup arguments", () => {
  it("takes nothing, a folder, or --verify <file>", () => {
    expect(parseBackupArgs([])).toEqual({ kind: "backup" });
    expect(parseBackupArgs(["/mnt/nas"])).toEqual({ kind: "backup", dir: "/mnt/nas" });
    expect(parseBackupArgs(["--verify", "b.dump"])).toEqual({ kind: "verify", file: "b.dump" });
    expect(parseBackupArgs(["--help"])).toEqual({ kind: "usage" });
  });
  it("refuses anything else, saying what", () => {
    expect(parseBackupArgs(["--verify"])).toEqual({ kind: "usage", error: "--verify needs the backup file to check" });
    expect(parseBackupArgs(["--verify", "--x"])).toEqual({ kind: "usage", error: "--verify needs the backup file to check" });
    expect(parseBackupArgs(["--verify", "a", "b"])).toEqual({ kind: "usage", error: "unexpected argument(s): b" });
    expect(parseBackupArgs(["--dir", "x"])).toEqual({ kind: "usage", error: "unknown option --dir" });
    expect(parseBackupArgs(["a", "b"])).toEqual({ kind: "usage", error: "unexpected argument(s): b" });
  });
  it("tells a backup's kind by its first bytes", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-kind-"));
    const write = (name: string, content: string | Buffer) => (fs.writeFileSync(path.join(dir, name), content), path.join(dir, name));
    expect(backupFileKind(write("a", Buffer.concat([Buffer.from("SQLite format 3\0"), Buffer.alloc(84)])))).toBe("sqlite");
    expect(backupFileKind(write("b", "PGDMP\x01\x0f\x00"))).toBe("pg_dump");
    expect(backupFileKind(write("c", "PGD"))).toBe("unknown");
    expect(backupFileKind(write("d", ""))).toBe("unknown");
    fs.rmSync(dir, { recursive: true });
  });
});

describe("PostgreSQL client tools", () => {
  it("prefers the newest versioned bin folder holding both tools", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-pgbin-"));
    for (const [v, tools] of [["13", ["pg_dump", "pg_restore"]], ["16", ["pg_dump", "pg_restore"]], ["17", ["pg_dump"]]] as const) {
      fs.mkdirSync(path.join(root, v, "bin"), { recursive: true });
      for (const t of tools) fs.writeFileSync(path.join(root, v, "bin", t), "");
    }
    expect(pgBinDir(root)).toBe(path.join(root, "16", "bin"));
    expect(pgBinDir(path.join(root, "none"))).toBeNull();
    fs.rmSync(root, { recursive: true });
  });
  it("keeps a password off the command line: it goes to a 0600 passfile, escaped", () => {
    const c = libpqConnection("postgres://app:p%3Aw%5Cd@db.example:5433/binomio?sslmode=require");
    const u = new URL(c.uri);
    expect(u.password).toBe("");
    expect(u.username).toBe("app");
    expect(u.searchParams.get("sslmode")).toBe("require");
    const passfile = u.searchParams.get("passfile")!;
    expect(fs.readFileSync(passfile, "utf8")).toBe("*:*:*:*:p\\:w\\\\d\n");
    expect(fs.statSync(passfile).mode & 0o777).toBe(0o600);
    c.cleanup();
    expect(fs.existsSync(passfile)).toBe(false);
    expect(libpqConnection("postgres://app@h/db").uri).toBe("postgres://app@h/db");
    expect(withDatabase("postgres://a:b@h:1/x?sslmode=require", "binomio_verify_1")).toBe("postgres://a:b@h:1/binomio_verify_1?sslmode=require");
  });
});

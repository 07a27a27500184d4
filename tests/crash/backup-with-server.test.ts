/**
 * Backups and restore against the real server: `npm run db:backup` while the server takes
 * writes, `npm run db:restore` refused while it runs, accepted once it stopped, and the
 * server serving the restored database.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listBackups } from "@/lib/backup/names";
import { checkDatabaseFile } from "@/lib/backup/verify";
import { driveLoad, newLedger } from "./support/load";
import { openServerDatabase } from "../support/database-location";
import { finalBankFile, lessons, seedLearners } from "./support/seed";
import { ROOT, startServer, stopServer, type RunningServer } from "./support/server";

const SECRET = "backup-test-secret-0123456789-abcdef";
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

/** Runs a script in its own process without blocking this one (the load keeps running meanwhile). */
function cli(script: "db-backup" | "db-restore", args: string[], databaseFile: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(TSX, ["--conditions=react-server", `scripts/${script}.ts`, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: databaseFile },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString()));
    child.stderr.on("data", (b: Buffer) => (out += b.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

const count = async (file: string) => {
  const d = await openServerDatabase(file);
  try {
    return (await d.get<{ n: number }>("SELECT count(*) AS n FROM heartbeats"))!.n;
  } finally {
    await d.close();
  }
};

describe("backup and restore with the server running", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-backup-server-"));
  let server: RunningServer | undefined;
  afterAll(async () => {
    if (server) await stopServer(server, "SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("backs up under write load, refuses to restore under a running server, restores once it stopped", async () => {
    const databaseFile = path.join(dir, "live.db");
    const seeded = await seedLearners(databaseFile, 230, SECRET, "backup");
    const learners = seeded.slice(0, 30);
    server = await startServer({ port: 3530, database: databaseFile, secret: SECRET });
    const ledger = newLedger();
    const stop = new AbortController();
    const load = driveLoad({
      origin: server.origin,
      heartbeatLearners: learners,
      heartbeatLesson: lessons()[0]!.slug,
      // Quiz takers write back to back (no pauses): the backup is taken while writes are going on.
      quizPool: seeded.slice(30),
      quizWorkers: 3,
      bank: finalBankFile(),
      ledger,
      stop: stop.signal,
    });
    while (ledger.heartbeatsOk < 30 || ledger.submitted.size < 3) await new Promise((r) => setTimeout(r, 50));
    const acknowledgedBefore = ledger.submitted.size;

    const backups = path.join(dir, "backups");
    const backup = await cli("db-backup", [backups], databaseFile);
    // The server kept taking writes while the backup ran.
    expect(ledger.submitted.size).toBeGreaterThan(acknowledgedBefore);
    expect(backup.out).toContain("Backup written and verified");
    expect(backup.code).toBe(0);
    const file = path.join(backups, listBackups(backups)[0]!);
    expect(await checkDatabaseFile(file)).toMatchObject({ ok: true, integrity: "ok", audit: { ok: true } });
    // A snapshot taken mid-load: some heartbeats in, not the ones after it.
    expect(await count(file)).toBeGreaterThan(0);

    const refused = await cli("db-restore", [file], databaseFile);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(`in use by a server (pid ${server.pid}`);

    stop.abort();
    await load;
    expect(ledger.unexpected).toEqual([]);
    expect((await stopServer(server, "SIGTERM")).code).toBe(143);
    server = undefined;
    const liveBeats = await count(databaseFile);
    expect(liveBeats).toBeGreaterThan(await count(file));

    const restored = await cli("db-restore", [file], databaseFile);
    expect(restored.out).toMatch(/The previous database is kept as .*live\.db\.before-restore-\d{8}-\d{6}/);
    expect(restored.code).toBe(0);
    expect(await count(databaseFile)).toBe(await count(file));
    const previous = fs.readdirSync(dir).find((f) => f.startsWith("live.db.before-restore-"))!;
    expect(await count(path.join(dir, previous))).toBe(liveBeats);

    // The server starts on the restored file; the sessions in it still work.
    server = await startServer({ port: 3530, database: databaseFile, secret: SECRET });
    const res = await fetch(`${server.origin}/api/heartbeat`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: learners[0]!.cookie },
      body: JSON.stringify({ courseSlug: "lavoro-e-social-media", lessonSlug: lessons()[0]!.slug }),
    });
    expect(res.status).toBe(200);
    expect((await stopServer(server, "SIGTERM")).code).toBe(143);
    server = undefined;
  }, 120_000);
});

/**
 * The production server's log says what happened, one line per expected event: a refused
 * sign-in is a line, not a 20-line `[auth][error] CredentialsSignin` stack; exports print no
 * deprecation warning (DEP0005 came from a bundled zip library, see next.config.mjs).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/open";
import { DEMO_COURSE, DEMO_PASSWORD, seedDemo } from "@/lib/demo/seed";
import { startServer, stopServer, type RunningServer } from "./support/server";

const SECRET = "server-log-secret-0123456789-abcdef";
const PORT = 3531;

/** Auth.js's credentials flow over HTTP: csrf, then the callback; returns the session cookie, if any. */
async function signIn(origin: string, email: string, password: string): Promise<string | null> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar, origin },
    body: new URLSearchParams({ email, password, csrfToken }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  return session ? session.split(";")[0]! : null;
}

describe("server log", () => {
  let dir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-log-"));
    const file = path.join(dir, "log.db");
    const d = openDatabase(file);
    await seedDemo(d);
    d.sqlite.close();
    server = await startServer({ port: PORT, database: file, secret: SECRET });
  });
  afterAll(async () => {
    if (server) await stopServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a wrong password is one line; exports print no warning", async () => {
    const before = server.output().length;
    expect(await signIn(server.origin, "learner@example.com", "not the password")).toBeNull();
    const admin = await signIn(server.origin, "admin@example.com", DEMO_PASSWORD);
    expect(admin).not.toBeNull();
    for (const url of [
      `/api/admin/reports/register.xlsx?course=${DEMO_COURSE}`,
      `/api/admin/reports/register.csv?course=${DEMO_COURSE}`,
      "/api/admin/reports/sessions.xlsx",
      `/api/admin/certificates.zip?course=${DEMO_COURSE}`,
    ]) {
      const res = await fetch(`${server.origin}${url}`, { headers: { cookie: admin! } });
      expect(res.status, url).toBe(200);
      await res.arrayBuffer();
    }
    await new Promise((r) => setTimeout(r, 300));
    const log = server.output().slice(before);
    expect(log).not.toMatch(/DeprecationWarning|DEP0005/);
    expect(log).not.toMatch(/\[auth\]\[error\]|CredentialsSignin|at .*\(.*\.js:\d+/);
    expect(log.match(/\[auth\] sign-in refused: invalid/g)).toHaveLength(1);
  });
});

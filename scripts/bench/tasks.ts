/**
 * Timed tasks: downloads over HTTP (registers, access log, certificates ZIP) against the
 * `sqlite3` CLI running the very same statement as the ceiling, certificates rendered
 * in-process with lib/certificates, and `content:check`.
 *
 * The report and certificate modules are being built alongside this benchmark, so they are
 * imported by path at run time: a missing module or a 404 is recorded as "not available"
 * instead of failing the run.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type Database from "better-sqlite3";
import yauzl from "yauzl";
import type { Engine } from "@/db/engine/types";
import { fetchGet } from "./reused-fetch";

const ROOT = process.cwd();

export type NotAvailable = { available: false; reason: string };

/** Imports a project module by path, or null when it does not exist (yet). */
export async function optionalImport<T>(rel: string): Promise<T | null> {
  const file = path.join(ROOT, rel);
  if (!fs.existsSync(file)) return null;
  return (await import(pathToFileURL(file).href)) as T;
}

export type Download = { status: number; seconds: number; ttfbSeconds: number; bytes: number; lines: number; body?: Buffer };

/** GET with a cookie, reading the whole body; `keep` keeps the bytes (for checking a ZIP). */
export async function download(url: string, cookie: string, opts: { timeoutMs?: number; keep?: boolean } = {}): Promise<Download> {
  let t0 = performance.now();
  // A retry (the server closed an idle pooled connection) is timed afresh.
  const res = await fetchGet(url, { headers: { cookie }, timeoutMs: opts.timeoutMs ?? 120_000 }, () => (t0 = performance.now()));
  const ttfb = performance.now() - t0;
  let bytes = 0;
  let lines = 0;
  const chunks: Buffer[] = [];
  if (res.body) {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
      if (opts.keep) chunks.push(Buffer.from(chunk));
    }
  }
  return { status: res.status, seconds: (performance.now() - t0) / 1000, ttfbSeconds: ttfb / 1000, bytes, lines, ...(opts.keep ? { body: Buffer.concat(chunks) } : {}) };
}

export type Statement = { sql: string; params: Record<string, string | number | null> };

/**
 * The SQL and parameters a query function would run, captured by handing it a connection
 * that records `prepare(sql)` and `.iterate(params)` / `.all(params)` and returns no rows.
 */
export function captureStatement(run: (conn: Database.Database) => unknown): Statement {
  let captured: Statement | null = null;
  const fake = {
    prepare(sql: string) {
      const record = (params?: Record<string, string | number | null>) => {
        captured = { sql, params: params ?? {} };
        return [] as unknown[];
      };
      const stmt = {
        iterate: (params?: Record<string, string | number | null>) => record(params)[Symbol.iterator](),
        all: record,
        get: (params?: Record<string, string | number | null>) => (record(params), undefined),
        raw: () => stmt,
        columns: () => [],
      };
      return stmt;
    },
  };
  run(fake as unknown as Database.Database);
  if (!captured) throw new Error("the query function prepared no statement");
  return captured;
}

/** A value as an SQL literal bound like better-sqlite3 binds it (JS numbers are REAL there). */
function literal(v: string | number | null): string {
  if (v === null) return "NULL";
  if (typeof v === "number") return Number.isInteger(v) ? `${v}.0` : String(v);
  return `'${v.replace(/'/g, "''")}'`;
}

export type SqliteDump = { seconds: number; bytes: number; rows: number };

/**
 * The ceiling: the `sqlite3` CLI running the statement on the same file (read-only) and
 * writing every row as CSV with a header — no formatting, no HTTP.
 */
export function sqliteDump(dbPath: string, stmt: Statement, outFile: string): SqliteDump {
  const bindings = Object.entries(stmt.params).map(([k, v]) => `('@${k}', ${literal(v)})`);
  const script = [
    ".parameter init",
    ...(bindings.length ? [`INSERT INTO temp.sqlite_parameters(key, value) VALUES ${bindings.join(", ")};`] : []),
    ".headers on",
    ".mode csv",
    `.output ${outFile}`,
    `${stmt.sql.trim()};`,
    "",
  ].join("\n");
  const t0 = performance.now();
  const r = spawnSync("sqlite3", ["-bail", "-readonly", dbPath], { input: script, encoding: "utf8", timeout: 120_000 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`sqlite3 failed (${r.status}): ${r.stderr}`);
  const bytes = fs.statSync(outFile).size;
  // Values may hold line breaks: count the rows with SQL, not lines.
  const counted = spawnSync("sqlite3", ["-bail", "-readonly", dbPath], {
    input: script.replace(`.output ${outFile}`, ".output stdout").replace(`${stmt.sql.trim()};`, `SELECT count(*) FROM (${stmt.sql.trim()});`).replace(".headers on", ".headers off"),
    encoding: "utf8",
    timeout: 120_000,
  });
  return { seconds, bytes, rows: Number(counted.stdout.trim()) };
}

/** Makes sure the `sqlite3` CLI exists, installing Debian's package when it can. */
export function ensureSqliteCli(): boolean {
  const has = () => spawnSync("sqlite3", ["-version"], { encoding: "utf8" }).status === 0;
  if (has()) return true;
  if (spawnSync("sh", ["-c", "command -v apt-get"]).status !== 0) return false;
  console.log("Installing the sqlite3 CLI (apt-get install -y sqlite3)…");
  const sudo = process.getuid?.() === 0 ? [] : ["sudo"];
  spawnSync(sudo.length ? "sudo" : "apt-get", [...(sudo.length ? ["apt-get"] : []), "install", "-y", "-qq", "sqlite3"], { stdio: "ignore", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (!has()) {
    spawnSync(sudo.length ? "sudo" : "apt-get", [...(sudo.length ? ["apt-get"] : []), "update", "-qq"], { stdio: "ignore" });
    spawnSync(sudo.length ? "sudo" : "apt-get", [...(sudo.length ? ["apt-get"] : []), "install", "-y", "-qq", "sqlite3"], { stdio: "ignore", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  }
  return has();
}

/** Number of entries of a ZIP held in memory. */
export function zipEntries(buf: Buffer): Promise<{ entries: number; pdfs: number }> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error("not a ZIP"));
      let entries = 0;
      let pdfs = 0;
      zip.on("entry", (e: yauzl.Entry) => {
        entries++;
        if (e.fileName.endsWith(".pdf")) pdfs++;
        zip.readEntry();
      });
      zip.on("end", () => resolve({ entries, pdfs }));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

type ZipModule = {
  certificatesZipStream: (
    d: Engine,
    input: { filter: { scope: { companyId: number; departments: null }; courseSlug: string; completedFrom?: Date; completedBefore?: Date }; filters: Record<string, string | undefined>; actor: { userId: number; sessionId: string | null }; baseUrl?: string },
  ) => ReadableStream<Uint8Array>;
};
type FormatModule = { romeDayStart: (day: string) => Date; romeDayEnd: (day: string) => Date };

export type CertificatesResult =
  | NotAvailable
  | { available: true; count: number; seconds: number; bytes: number; pdfs: number; msPerCertificate: number; seconds1000: number; extrapolated: boolean };

/**
 * Renders the certificates completed in a window of Rome days and their ZIP with
 * lib/certificates (the code behind the admin's ZIP download), in this process.
 */
export async function certificatesInProcess(
  d: Engine,
  input: { scope: { companyId: number; departments: null }; courseSlug: string; from: string; to: string; expected: number; actor: { userId: number; sessionId: string }; baseUrl: string },
): Promise<CertificatesResult> {
  const missing = ["lib/certificates/pdf.ts", "lib/certificates/zip.ts"].filter((f) => !fs.existsSync(path.join(ROOT, f)));
  if (missing.length) return { available: false, reason: `${missing.join(", ")} missing` };
  const zip = await optionalImport<ZipModule>("lib/certificates/zip.ts");
  const fmt = await optionalImport<FormatModule>("lib/reports/format.ts");
  if (!zip?.certificatesZipStream || !fmt?.romeDayStart) return { available: false, reason: "certificatesZipStream or romeDayStart not exported" };
  const t0 = performance.now();
  const stream = zip.certificatesZipStream(d, {
    filter: { scope: input.scope, courseSlug: input.courseSlug, completedFrom: fmt.romeDayStart(input.from), completedBefore: fmt.romeDayEnd(input.to) },
    filters: { from: input.from, to: input.to },
    actor: input.actor,
    baseUrl: input.baseUrl,
  });
  const chunks: Buffer[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
  const seconds = (performance.now() - t0) / 1000;
  const buf = Buffer.concat(chunks);
  const { pdfs } = await zipEntries(buf);
  if (pdfs !== input.expected) throw new Error(`the certificates ZIP holds ${pdfs} PDFs, expected ${input.expected}`);
  const msPer = (seconds * 1000) / Math.max(1, pdfs);
  return {
    available: true,
    count: pdfs,
    seconds: round(seconds, 2),
    bytes: buf.length,
    pdfs,
    msPerCertificate: round(msPer, 2),
    seconds1000: round(pdfs === 1000 ? seconds : (msPer * 1000) / 1000, 2),
    extrapolated: pdfs !== 1000,
  };
}

/** `npm run content:check` wall time (it compiles every lesson variant). */
export function contentCheck(): { seconds: number; exitCode: number | null } {
  const t0 = performance.now();
  const r = spawnSync("npm", ["run", "-s", "content:check"], { cwd: ROOT, encoding: "utf8", timeout: 300_000, env: { ...process.env, CONTENT_DIR: undefined } });
  return { seconds: round((performance.now() - t0) / 1000, 2), exitCode: r.status };
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

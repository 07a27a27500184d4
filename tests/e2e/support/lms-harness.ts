import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { parse } from "yaml";
import { companyTextRows } from "../../support/company-texts";
import { unzip } from "../../support/unzip";

/**
 * A stand-in for a company's LMS, for the package runtime tests: it serves unzipped packages
 * (`/pkg/<name>/…`), host pages that put scorm-again's LMS-side API on the parent window
 * (`/lms/scorm12.html`, `/lms/scorm2004.html`), and a small LRS for cmi5 (`/lrs/…`) that
 * records statements and keeps state documents. Every request it receives is logged.
 */

export type Format = "scorm12" | "scorm2004" | "cmi5";

/**
 * A migrated database (`npm run db:migrate`) whose company has filled in every placeholder of
 * the policy template, as an admin does on /admin/company before exporting.
 */
export function companyDatabase(contentDir: string, dir: string): string {
  const file = path.join(dir, "lms.db");
  const res = spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "scripts/db-migrate.ts"], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_PATH: file, CONTENT_DIR: contentDir },
    timeout: 60_000,
  });
  if (res.status !== 0) throw new Error(`db:migrate failed: ${res.stderr}`);
  const db = new Database(file);
  try {
    const company = db.prepare("INSERT INTO companies (name) VALUES ('Officine Acme') RETURNING id").get() as { id: number };
    const insert = db.prepare("INSERT INTO company_texts (company_id, key, locale, value, updated_at) VALUES (?, ?, ?, ?, unixepoch())");
    for (const row of companyTextRows(contentDir)) insert.run(company.id, row.key, row.locale, row.value);
  } finally {
    db.close();
  }
  return file;
}

/** Runs `npm run export:lms` (through tsx, as npm would) and returns the ZIP's bytes. */
export function exportPackage(contentDir: string, databaseFile: string, course: string, format: Format, locale: "it" | "en", outDir: string): Buffer {
  const out = path.join(outDir, `${course}-${format}-${locale}.zip`);
  const res = spawnSync(
    process.execPath,
    [path.join("node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "scripts/export-lms.ts", "--course", course, "--format", format, "--locale", locale, "--out", out],
    { encoding: "utf8", env: { ...process.env, CONTENT_DIR: contentDir, DATABASE_PATH: databaseFile, MDX_CACHE_DIR: path.join(outDir, "mdx-cache") }, timeout: 120_000 },
  );
  if (res.status !== 0) throw new Error(`export failed (${res.status}): ${res.stderr}${res.stdout}`);
  return fs.readFileSync(out);
}

/** Unzips a package into `dir` (refusing entries that would escape it). */
export async function unpack(zip: Buffer, dir: string): Promise<string[]> {
  const files = await unzip(zip);
  for (const [name, data] of files) {
    const target = path.resolve(dir, name);
    if (!target.startsWith(path.resolve(dir) + path.sep)) throw new Error(`unsafe entry ${name}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, data);
  }
  return [...files.keys()];
}

/** Right option ids per question id, read from the course's quiz files (whatever their texts). */
export function answerKey(contentDir: string, course: string): Map<string, Set<string>> {
  const dir = path.join(contentDir, "courses", course, "quizzes");
  const key = new Map<string, Set<string>>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
    const quiz = parse(fs.readFileSync(path.join(dir, file), "utf8")) as { questions?: { id: string; options: { id: unknown; correct?: boolean }[] }[] };
    // Practice exercises (kind spot-the-risk / rewrite) sit beside the quizzes and have no questions.
    for (const q of quiz.questions ?? []) key.set(q.id, new Set(q.options.filter((o) => o.correct).map((o) => String(o.id))));
  }
  return key;
}

/** What the tests need of a course's rules, from its course.yaml: the active seconds required and the final test's size. */
export function courseRules(contentDir: string, course: string): { requiredSeconds: number; finalQuestions: number } {
  const c = parse(fs.readFileSync(path.join(contentDir, "courses", course, "course.yaml"), "utf8")) as {
    plannedMinutes: number;
    completion?: { attendanceThreshold?: number };
    finalTest?: { questions: number };
  };
  return { requiredSeconds: Math.ceil(((c.completion?.attendanceThreshold ?? 70) * c.plannedMinutes * 60) / 100), finalQuestions: c.finalTest?.questions ?? 0 };
}

export interface XapiStatement {
  id: string;
  actor: { objectType?: string; name?: string; account?: { homePage: string; name: string } };
  verb: { id: string; display?: Record<string, string> };
  object: { id: string; objectType?: string; definition?: { type?: string } };
  result?: { duration?: string; completion?: boolean; success?: boolean; score?: { scaled?: number; raw?: number; min?: number; max?: number }; response?: string };
  context?: {
    registration?: string;
    contextActivities?: { category?: { id: string }[]; grouping?: { id: string }[]; parent?: { id: string }[] };
    extensions?: Record<string, unknown>;
  };
  timestamp?: string;
}

export interface Harness {
  origin: string;
  /** Paths the server received, in order. */
  requests: string[];
  statements: XapiStatement[];
  /** State documents by stateId (one learner, one registration in these tests). */
  state: Map<string, string>;
  /** LMS.LaunchData the LRS serves for the next session. */
  setLaunch(launch: { sessionId: string; masteryScore: number | null; moveOn: string; launchMode?: string }): void;
  close(): Promise<void>;
}

const HOST_PAGE = (api: "Scorm12API" | "Scorm2004API", global: "API" | "API_1484_11", finishEvent: string) => `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Test LMS</title><script src="/lms/${api === "Scorm12API" ? "scorm12" : "scorm2004"}.js"></script></head>
<body><h1>Test LMS</h1><iframe id="sco" title="Course" style="width:100%;height:85vh;border:0"></iframe>
<script>
window.boot = function (saved, src) {
  var api = new ${api}({ logLevel: 5 });
  api.loadFromJSON(saved);
  window.finished = false;
  api.on("${finishEvent}", function () { window.finished = true; });
  window.${global} = api;
  document.getElementById("sco").src = src;
};
window.cmiJson = function () { return JSON.parse(JSON.stringify(window.${global}.cmi)); };
</script></body></html>`;

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".xml": "application/xml", ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp", ".gif": "image/gif", ".pdf": "application/pdf" };

/** Starts the stand-in LMS on 127.0.0.1 (a free port), serving the packages under `packagesDir`. */
export async function startHarness(packagesDir: string): Promise<Harness> {
  const requests: string[] = [];
  const statements: XapiStatement[] = [];
  const state = new Map<string, string>();
  let launch = { sessionId: "", masteryScore: null as number | null, moveOn: "CompletedAndPassed", launchMode: "Normal" };
  let tokenFetched = false;
  const scormAgain = path.join(process.cwd(), "node_modules", "scorm-again", "dist");

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(url.pathname);
    const send = (status: number, body: string | Buffer = "", type = "application/json") => {
      res.writeHead(status, { "content-type": type, "x-experience-api-version": "1.0.3" });
      res.end(body);
    };
    const readBody = () =>
      new Promise<string>((resolve) => {
        let b = "";
        req.on("data", (c: Buffer) => (b += c.toString("utf8")));
        req.on("end", () => resolve(b));
      });

    if (url.pathname === "/lms/scorm12.html") return send(200, HOST_PAGE("Scorm12API", "API", "LMSFinish"), TYPES[".html"]);
    if (url.pathname === "/lms/scorm2004.html") return send(200, HOST_PAGE("Scorm2004API", "API_1484_11", "Terminate"), TYPES[".html"]);
    if (url.pathname === "/lms/scorm12.js" || url.pathname === "/lms/scorm2004.js") {
      return send(200, fs.readFileSync(path.join(scormAgain, path.basename(url.pathname))), TYPES[".js"]);
    }
    if (url.pathname.startsWith("/pkg/")) {
      const file = path.resolve(packagesDir, decodeURIComponent(url.pathname.slice("/pkg/".length)));
      if (!file.startsWith(path.resolve(packagesDir) + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return send(404, "not found", "text/plain");
      return send(200, fs.readFileSync(file), TYPES[path.extname(file)] ?? "application/octet-stream");
    }
    if (url.pathname === "/lrs/fetch" && req.method === "POST") {
      if (tokenFetched) return send(200, JSON.stringify({ "error-code": "1", "error-text": "The authorization token has already been returned." }));
      tokenFetched = true;
      return send(200, JSON.stringify({ "auth-token": Buffer.from("lrs:secret").toString("base64") }));
    }
    if (url.pathname.startsWith("/lrs/") && req.headers.authorization !== `Basic ${Buffer.from("lrs:secret").toString("base64")}`) {
      return send(401, JSON.stringify({ error: "no auth token" }));
    }
    if (url.pathname === "/lrs/activities/state") {
      const stateId = url.searchParams.get("stateId") ?? "";
      if (req.method === "GET") {
        if (stateId === "LMS.LaunchData") {
          return send(
            200,
            JSON.stringify({
              contextTemplate: { extensions: { "https://w3id.org/xapi/cmi5/context/extensions/sessionid": launch.sessionId } },
              launchMode: launch.launchMode,
              moveOn: launch.moveOn,
              ...(launch.masteryScore === null ? {} : { masteryScore: launch.masteryScore }),
            }),
          );
        }
        const doc = state.get(stateId);
        return doc === undefined ? send(404, "") : send(200, doc);
      }
      return void readBody().then((b) => {
        state.set(stateId, b);
        send(204);
      });
    }
    if (url.pathname === "/lrs/agents/profile") return send(404, "");
    if (url.pathname === "/lrs/statements" && (req.method === "POST" || req.method === "PUT")) {
      return void readBody().then((b) => {
        const parsed = JSON.parse(b) as XapiStatement | XapiStatement[];
        const list = Array.isArray(parsed) ? parsed : [parsed];
        statements.push(...list);
        send(req.method === "PUT" ? 204 : 200, req.method === "PUT" ? "" : JSON.stringify(list.map((s) => s.id)));
      });
    }
    send(404, "not found", "text/plain");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    statements,
    state,
    setLaunch(l) {
      launch = { launchMode: "Normal", ...l };
      tokenFetched = false;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A fresh temporary folder. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

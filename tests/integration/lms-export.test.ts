import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearCatalogCache } from "@/lib/content/catalog";
import { rightOptions } from "@/lib/lms-export/answer-key";
import { LmsExportError } from "@/lib/lms-export/errors";
import { LMS_FORMATS, type LmsFormat } from "@/lib/lms-export/formats";
import { deobfuscate } from "@/lib/lms-export/obfuscate";
import type { PackageData } from "@/lib/lms-export/package-data";
import { buildLmsPackage, packageLinks, type LmsPackage } from "@/lib/lms-export/package";
import { companies } from "@/db/schema";
import { setCompanyText } from "@/db/queries/company-texts";
import { composeTestContent } from "../support/compose-content";
import { companyTextRows } from "../support/company-texts";
import { orm } from "@/db/engine/orm";
import { openTestDb, type TestDb } from "./support/test-db";

/**
 * The exporter on real files: packages of the fixture course (with an image) in every format,
 * their manifests validated by xmllint against the schemas in tests/fixtures/lms-schemas, the
 * answer key out of plain sight, and the refusals (unfilled policy, draft or unknown course).
 * The real course runs in a browser in tests/e2e/lms-package.spec.ts.
 */

const COURSE = "social-media-basics";
const SCHEMAS = path.join(process.cwd(), "tests", "fixtures", "lms-schemas");
const SCHEMA_OF: Record<LmsFormat, string> = {
  scorm12: path.join(SCHEMAS, "scorm12", "all.xsd"),
  scorm2004: path.join(SCHEMAS, "scorm2004-3rd", "all.xsd"),
  cmi5: path.join(SCHEMAS, "cmi5", "CourseStructure.xsd"),
};

let root: string;
let tmp: string;
let db: TestDb;
/** The installation's company, with none of the policy's texts filled in yet. */
const policy = () => ({ d: db, companyId: null });
const packages = new Map<LmsFormat, LmsPackage>();

/** `xmllint --schema` on an XML text: exit status and what it printed. */
function xmllint(xml: string, schema: string): { ok: boolean; output: string } {
  const file = path.join(tmp, `doc-${Math.random().toString(36).slice(2)}.xml`);
  fs.writeFileSync(file, xml);
  const r = spawnSync("xmllint", ["--noout", "--schema", schema, file], { encoding: "utf8" });
  return { ok: r.status === 0 && r.stderr.includes("validates"), output: r.stderr };
}

function manifestOf(pkg: LmsPackage): string {
  return (pkg.files.get("imsmanifest.xml") ?? pkg.files.get("cmi5.xml"))!.toString("utf8");
}

beforeAll(async () => {
  root = composeTestContent();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-lms-int-"));
  db = await openTestDb();
  await orm(db).insert(companies).values({ name: "Acme Srl" });
  process.env.MDX_CACHE_DIR = path.join(tmp, "mdx-cache");
  for (const format of LMS_FORMATS) packages.set(format, await buildLmsPackage({ courseSlug: COURSE, format, locale: format === "cmi5" ? "en" : "it", policy: policy(), contentRoot: root }));
}, 240_000);

afterAll(async () => {
  await db.close();
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
  clearCatalogCache();
});

describe("LMS packages of a course", () => {
  it.each(LMS_FORMATS)("%s: the manifest validates against the standard's schemas", (format) => {
    const result = xmllint(manifestOf(packages.get(format)!), SCHEMA_OF[format]);
    expect(result.output).toContain("validates");
    expect(result.ok).toBe(true);
  });

  it("the validator is real: a manifest that breaks the schema is refused", () => {
    const scorm12 = manifestOf(packages.get("scorm12")!).replace('adlcp:scormtype="sco"', 'adlcp:scormtype="lesson"');
    expect(xmllint(scorm12, SCHEMA_OF.scorm12).ok).toBe(false);
    const scorm2004 = manifestOf(packages.get("scorm2004")!).replace("<organizations", "<organisations").replace("</organizations>", "</organisations>");
    expect(xmllint(scorm2004, SCHEMA_OF.scorm2004).ok).toBe(false);
    const cmi5 = manifestOf(packages.get("cmi5")!).replace('moveOn="CompletedAndPassed"', 'moveOn="Whenever"');
    expect(xmllint(cmi5, SCHEMA_OF.cmi5).ok).toBe(false);
  });

  it.each(["scorm12", "scorm2004"] as const)("%s: the manifest lists exactly the package's files, one SCO launched from index.html", (format) => {
    const pkg = packages.get(format)!;
    const xml = manifestOf(pkg);
    const listed = [...xml.matchAll(/<file href="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(listed).toEqual([...pkg.files.keys()].filter((f) => f !== "imsmanifest.xml").sort());
    expect(xml.match(/<resource /g)).toHaveLength(1);
    expect(xml).toMatch(format === "scorm12" ? /adlcp:scormtype="sco" href="index.html"/ : /adlcp:scormType="sco" href="index.html"/);
  });

  it("is self-contained: images inside, lesson links in the page, no address of a Binomio server", () => {
    const pkg = packages.get("scorm12")!;
    const html = pkg.files.get("index.html")!.toString("utf8");
    expect(pkg.files.has("assets/audience-circles.png")).toBe(true);
    expect(html).toContain('src="assets/audience-circles.png"');
    for (const file of ["index.html", "runtime.js", "binomio.css"]) {
      const text = pkg.files.get(file)!.toString("utf8");
      expect(text, file).not.toMatch(/\/api\/|\/courses\/social-media-basics|localhost|127\.0\.0\.1/);
    }
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="(https?:)?\/\//);
    expect(html).toMatch(/href="#lesson-[a-z0-9-]+"/);
  });

  it("keeps the answer key out of plain sight: no correct flags, feedback or explanations in the page, no readable JSON", () => {
    const pkg = packages.get("scorm2004")!;
    const html = pkg.files.get("index.html")!.toString("utf8");
    const courseJs = pkg.files.get("course.js")!.toString("utf8");
    const quizDir = path.join(root, "courses", COURSE, "quizzes");
    const secrets: string[] = [];
    const key = new Map<string, string[]>();
    for (const f of fs.readdirSync(quizDir)) {
      const quiz = parse(fs.readFileSync(path.join(quizDir, f), "utf8")) as {
        questions: { id: string; explanation: { it: string }; options: { id: unknown; correct?: boolean; feedback?: { it: string } }[] }[];
      };
      for (const q of quiz.questions) {
        secrets.push(q.explanation.it.slice(0, 40));
        for (const o of q.options) if (o.feedback) secrets.push(o.feedback.it.slice(0, 40));
        key.set(q.id, q.options.filter((o) => o.correct).map((o) => String(o.id)));
      }
    }
    expect(secrets.length).toBeGreaterThan(0);
    for (const s of secrets) {
      expect(html).not.toContain(s);
      expect(courseJs).not.toContain(s);
    }
    expect(courseJs).not.toMatch(/"correct"|"explanation"|"feedback"/);

    // What the runtime decodes grades like the quiz files say.
    const [seed, packed] = JSON.parse(/=(\[.*\]);/.exec(courseJs)![1]!) as [string, string];
    const data = deobfuscate(packed, seed) as PackageData;
    const questions = [...Object.values(data.checks), ...(data.final ? [data.final.quiz] : [])].flatMap((q) => q.questions);
    expect(questions.length).toBe(key.size);
    for (const q of questions) expect(rightOptions(data.salt, q.id, q.options.map((o) => o.id), q.key)).toEqual(key.get(q.id));
  });

  it("keeps the runtime small: no schema library, the cmi5 library only in cmi5 packages", () => {
    expect(packages.get("scorm12")!.files.get("runtime.js")!.length).toBeLessThan(60_000);
    expect(packages.get("scorm2004")!.files.get("runtime.js")!.length).toBeLessThan(60_000);
    expect(packages.get("cmi5")!.files.get("runtime.js")!.length).toBeLessThan(160_000);
  });

  it("carries the course's rules and Binomio's activity constants", () => {
    const courseJs = packages.get("cmi5")!.files.get("course.js")!.toString("utf8");
    const [seed, packed] = JSON.parse(/=(\[.*\]);/.exec(courseJs)![1]!) as [string, string];
    const data = deobfuscate(packed, seed) as PackageData;
    expect(data.format).toBe("cmi5");
    expect(data.locale).toBe("en");
    expect(data.lessons.map((l) => l.slug)).toEqual(["already-online", "never-private", "company-rules"]);
    expect(data.rules).toEqual({ forcedSequence: true, attendanceThreshold: 70, passMark: 80, requirePolicyAck: false });
    expect(data.final?.settings).toMatchObject({ questions: 8, maxAttempts: 3 });
    expect(data.activity).toEqual({ heartbeatMs: 30_000, idleMs: 120_000 });
  });
});

describe("what cannot be exported", () => {
  it("a course that needs the policy while the company has not filled its placeholders", async () => {
    const err = await buildLmsPackage({ courseSlug: "lavoro-e-social-media", format: "scorm12", locale: "it", policy: policy(), contentRoot: root }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LmsExportError);
    expect((err as LmsExportError).code).toBe("policy_placeholders");
    expect((err as LmsExportError).message).toContain("[REFERENTE SOCIAL MEDIA]");
    expect((err as LmsExportError).message).not.toContain("[NOME AZIENDA]");
  });

  it("an unknown or draft course", async () => {
    const unknown = await buildLmsPackage({ courseSlug: "no-such-course", format: "cmi5", locale: "it", policy: policy(), contentRoot: root }).catch((e: unknown) => e);
    expect((unknown as LmsExportError).code).toBe("not_found");
    const draftRoot = fs.mkdtempSync(path.join(tmp, "draft-"));
    fs.cpSync(root, draftRoot, { recursive: true });
    const yamlFile = path.join(draftRoot, "courses", COURSE, "course.yaml");
    fs.writeFileSync(yamlFile, fs.readFileSync(yamlFile, "utf8").replace("status: published", "status: draft"));
    clearCatalogCache();
    const draft = await buildLmsPackage({ courseSlug: COURSE, format: "cmi5", locale: "it", policy: policy(), contentRoot: draftRoot }).catch((e: unknown) => e);
    expect((draft as LmsExportError).code).toBe("not_published");
  });

  it("the command says why and exits non-zero", () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "scripts/export-lms.ts", ...args], {
        encoding: "utf8",
        env: { ...process.env, CONTENT_DIR: root, ...db.location },
        timeout: 60_000,
      });
    const bad = run("--course", COURSE, "--format", "scorm3", "--locale", "it");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--format: must be scorm12, scorm2004 or cmi5");
    const refused = run("--course", "lavoro-e-social-media", "--format", "scorm12", "--locale", "en", "--out", path.join(tmp, "x.zip"));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("[SOCIAL MEDIA CONTACT]");
    expect(fs.existsSync(path.join(tmp, "x.zip"))).toBe(false);
  }, 120_000);
});

describe("the policy in a package", () => {
  it("is the company's filled text, once every placeholder is filled", async () => {
    const company = (await orm(db).insert(companies).values({ name: "Officine Acme" }).returning())[0]!;
    for (const row of companyTextRows(root)) await setCompanyText(db, { companyId: company.id, ...row, updatedBy: null, now: new Date() });
    const pkg = await buildLmsPackage({ courseSlug: "lavoro-e-social-media", format: "scorm2004", locale: "en", policy: { d: db, companyId: company.id }, contentRoot: root });
    const html = pkg.files.get("index.html")!.toString("utf8");
    expect(html).toContain('id="pkg-policy"');
    expect(html).toContain("Officine Acme");
    expect(html).toContain("Acme social media contact");
    expect(html).not.toMatch(/\[[A-Z][A-Z ]+\]/);
  }, 60_000);
});

describe("packageLinks", () => {
  it("points asset and lesson links at the package, unlinks lessons it does not have, leaves other links alone", () => {
    const html =
      '<img src="/api/content/c/assets/a.png"><a href="/api/content/c/assets/guide.pdf">g</a><a href="/courses/c/l2">l2</a><a href="/courses/c/gone">x</a><a href="https://example.org/">e</a>';
    const out = packageLinks(html, "c", ["l1", "l2"]);
    expect(out.html).toBe('<img src="assets/a.png"><a href="assets/guide.pdf">g</a><a href="#lesson-l2">l2</a><a>x</a><a href="https://example.org/">e</a>');
    expect(out.assets).toEqual(["a.png", "guide.pdf"]);
  });
});

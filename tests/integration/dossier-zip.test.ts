import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { clearCatalogCache } from "@/lib/content/catalog";
import type { CompanyScope } from "@/lib/auth/scope";
import { verifyAuditChain } from "@/lib/audit/trail";
import { declarationTemplate } from "@/lib/dossier/declaration-file";
import { SHA256SUMS } from "@/lib/dossier/manifest";
import { readPlanDossier } from "@/lib/dossier/read";
import type { PlanDossierInput } from "@/lib/dossier/types";
import { parseSha256Sums } from "@/lib/dossier/sha256sums";
import { dossierRefusal, dossierZipStream, type DossierZipInput } from "@/lib/dossier/zip";
import { dossierZipDownload } from "@/lib/dossier/zip-download";
import { reportCourse } from "@/lib/reports/register";
import { fundingOf } from "@/lib/reports/funding";
import { getPlan } from "@/db/queries/plans";
import { unzip } from "../support/unzip";
import { FIXTURE_COURSE, FIXTURE_ROOT } from "@/tests/support/reports-seed";
import { seedDossierPlan, type DossierSeed } from "@/tests/support/dossier-zip-seed";
import { openTestDb, type TestDb } from "./support/test-db";

// Certificate codes, quiz draws and session ids from a seeded stream: the manifest's golden
// file holds real hashes of real documents, the same on every run.
vi.mock("node:crypto", async (original) => (await import("../support/seeded-crypto")).seededCrypto(await original()));

/**
 * The dossier ZIP on seeded data with the dates injected (lib/dossier/zip.ts): every document
 * present, every hash recomputed against SHA256SUMS, `sha256sum -c` and the `admin.dossier`
 * audit event, the chain still verifying; the manifest against its golden file
 * (tests/golden/dossier-zip/manifest.json; after an intended change:
 * `UPDATE_GOLDEN=1 npx vitest run tests/integration/dossier-zip.test.ts`, then read the diff);
 * refusals that record nothing; a cancelled download recorded as incomplete.
 */

const t0 = Date.parse("2026-03-02T08:00:00Z");
const GENERATED_AT = new Date("2026-07-15T10:00:00Z");
const BASE = "https://formazione.example.it";
const GOLDEN = path.resolve("tests/golden/dossier-zip/manifest.json");
const UPDATE = process.env.UPDATE_GOLDEN === "1";

type AuditRow = { id: number; type: string; subject: string; data: string; actor_user_id: number };
type ManifestFile = { path: string; kind: string; description: string; bytes: number; sha256: string };

describe("dossier ZIP", () => {
  let t: TestDb;
  let seed: DossierSeed;
  let scope: CompanyScope;
  let input: PlanDossierInput;
  let files: Map<string, Buffer>;
  let contentRoot: string;

  const zipInput = async (): Promise<DossierZipInput> => {
    const plan = (await getPlan(t, { companyId: seed.companyId }, seed.planId))!;
    return {
      input,
      declaration: declarationTemplate(contentRoot)!,
      planId: seed.planId,
      scope,
      funding: fundingOf(plan),
      courses: [(await reportCourse(t, scope, FIXTURE_COURSE, contentRoot))!],
      actor: { userId: seed.adminId, sessionId: "s-admin", name: "Ada Amministra", email: "admin@example.com" },
      contentRoot,
      baseUrl: BASE,
    };
  };
  const download = async (given?: DossierZipInput) => Buffer.from(await new Response(dossierZipStream(t, given ?? (await zipInput()))).arrayBuffer());
  const dossierEvents = () => t.all<AuditRow>("SELECT id, type, subject, data, actor_user_id FROM audit_events WHERE type = 'admin.dossier' ORDER BY id");
  const count = async (type: string) => (await t.get<{ n: number }>("SELECT count(*) AS n FROM audit_events WHERE type = ?", [type]))!.n;

  beforeAll(async () => {
    clearCatalogCache();
    t = await openTestDb();
    // The fixture course and the real declaration template, in one content folder.
    contentRoot = path.join(t.dir, "content");
    fs.cpSync(FIXTURE_ROOT, contentRoot, { recursive: true });
    fs.cpSync(path.resolve("content/declaration"), path.join(contentRoot, "declaration"), { recursive: true });
    // The completion's own audit events take the clock, not the seed's time: a fixed clock keeps the chain the same on every run.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-03-02T18:00:00Z") });
    try {
      seed = await seedDossierPlan(t, t0);
    } finally {
      vi.useRealTimers();
    }
    scope = { companyId: seed.companyId, departments: null, planId: null, via: "company_admin" };
    input = (await readPlanDossier(t, scope, seed.planId, { now: GENERATED_AT, contentRoot }))!;
    const exportsBefore = await count("admin.export");
    files = await unzip(await download());
    // The exports inside the ZIP are recorded by its own event only.
    expect(await count("admin.export")).toBe(exportsBefore);
  }, 120_000); // seeding and the first dossier: seconds alone, much longer on a loaded machine
  afterAll(() => t.close());

  it("holds every document of the plan, and only the plan's people", async () => {
    const names = [...files.keys()];
    const certs = await t.all<{ code: string }>("SELECT c.code FROM certificates c JOIN course_completions cc ON cc.id = c.completion_id WHERE cc.plan_id = ? ORDER BY c.code", [seed.planId]);
    expect(certs.length).toBeGreaterThan(0);
    expect(names.filter((n) => n.startsWith("registro-fad/partecipanti/"))).toHaveLength(seed.learners.length);
    expect(names.filter((n) => n.startsWith("attestati/")).sort()).toEqual(certs.map((c) => `attestati/attestato-${c.code}.pdf`));
    expect(names.slice(-3)).toEqual(["manifest.json", "LEGGIMI.txt", SHA256SUMS]);
    for (const n of [`registro-fad/registro-piano-${seed.planId}.pdf`, "dichiarazione-sostitutiva.pdf", "fascicolo-del-corso.pdf", `esportazioni/registro-${FIXTURE_COURSE}.csv`, `esportazioni/registro-${FIXTURE_COURSE}.xlsx`, "esportazioni/accessi.csv", "esportazioni/accessi.xlsx"]) {
      expect(names).toContain(n);
    }
    for (const n of names.filter((x) => x.endsWith(".pdf"))) expect(files.get(n)!.subarray(0, 5).toString(), n).toBe("%PDF-");
    for (const n of [`esportazioni/registro-${FIXTURE_COURSE}.csv`, "esportazioni/accessi.csv"]) {
      const csv = files.get(n)!.toString("utf8");
      expect(csv, n).toContain("Neri");
      expect(csv, n).not.toContain(seed.outsider.lastName);
    }
  });

  it("checks out: every hash against SHA256SUMS, sha256sum -c on the extracted folder, the audit event, and the chain", async () => {
    const names = [...files.keys()];
    const sums = parseSha256Sums(files.get(SHA256SUMS)!.toString("utf8"))!;
    expect(sums.map((s) => s.path)).toEqual(names.filter((n) => n !== SHA256SUMS));
    for (const s of sums) expect(createHash("sha256").update(files.get(s.path)!).digest("hex"), s.path).toBe(s.sha256);

    const out = path.join(t.dir, "dossier");
    for (const [name, bytes] of files) {
      fs.mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
      fs.writeFileSync(path.join(out, name), bytes);
    }
    const check = execFileSync("sha256sum", ["-c", "--strict", SHA256SUMS], { cwd: out, encoding: "utf8" });
    expect(check.trim().split("\n").filter((l) => l.endsWith(": OK"))).toHaveLength(sums.length);
    // And it notices a changed file.
    fs.appendFileSync(path.join(out, "esportazioni/accessi.csv"), "x");
    expect(() => execFileSync("sha256sum", ["-c", "--quiet", SHA256SUMS], { cwd: out, stdio: "pipe" })).toThrow();

    const events = await dossierEvents();
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event.subject).toBe(`plan:${seed.planId}`);
    expect(event.actor_user_id).toBe(seed.adminId);
    const data = JSON.parse(event.data) as { files: { path: string; bytes: number; sha256: string }[]; sha256sums: string; complete: boolean; plan: { id: number } };
    expect(data.complete).toBe(true);
    expect(data.plan.id).toBe(seed.planId);
    expect(data.files.map(({ path: p, sha256 }) => ({ path: p, sha256 }))).toEqual(sums);
    for (const f of data.files) expect(f.bytes, f.path).toBe(files.get(f.path)!.length);
    expect(data.sha256sums).toBe(createHash("sha256").update(files.get(SHA256SUMS)!).digest("hex"));
    expect(await verifyAuditChain(t)).toMatchObject({ ok: true });

    const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8")) as { files: ManifestFile[]; generatedAt: string };
    expect(manifest.generatedAt).toBe(GENERATED_AT.toISOString());
    expect(manifest.files.map((f) => f.path)).toEqual(names.slice(0, -3));
    expect(manifest.files.map((f) => f.sha256)).toEqual(sums.slice(0, -2).map((s) => s.sha256));
    const readme = files.get("LEGGIMI.txt")!.toString("utf8");
    expect(readme).toContain("sha256sum -c SHA256SUMS");
    for (const f of manifest.files) expect(readme).toContain(`${f.sha256}  ${f.path}`);
  });

  it("writes the manifest of the golden file (XLSX, zipped with their own clock, by name only)", () => {
    const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8")) as { files: ManifestFile[] };
    manifest.files = manifest.files.map((f) => (f.path.endsWith(".xlsx") ? { ...f, bytes: -1, sha256: "(varies: the XLSX is a zip stamped with the time it was written)" } : f));
    const text = `${JSON.stringify(manifest, null, 2)}\n`;
    if (UPDATE || !fs.existsSync(GOLDEN)) {
      fs.mkdirSync(path.dirname(GOLDEN), { recursive: true });
      fs.writeFileSync(GOLDEN, text);
      if (!UPDATE) throw new Error(`golden file ${GOLDEN} was missing: written now; read it, then commit it`);
    }
    expect(text).toBe(fs.readFileSync(GOLDEN, "utf8"));
  });

  it("makes the same documents again from the same data at the same time", async () => {
    const again = await unzip(await download());
    const stable = [...files.keys()].filter((n) => !n.endsWith(".xlsx") && !["manifest.json", "LEGGIMI.txt", SHA256SUMS].includes(n));
    expect([...again.keys()]).toEqual([...files.keys()]);
    for (const n of stable) expect(again.get(n)!.equals(files.get(n)!), n).toBe(true);
  });

  it("refuses, recording nothing: a declaration with blanks (before any byte), a plan of another company, an unknown plan", async () => {
    const actor = { userId: seed.adminId, sessionId: null, name: "Ada Amministra", email: "admin@example.com" };
    const before = await t.get("SELECT count(*) AS n FROM audit_events");
    const z = await zipInput();
    expect(dossierRefusal(z.input, z.declaration)).toBeNull();
    expect(dossierRefusal({ ...z.input, company: { ...z.input.company, legalRepresentative: null } }, z.declaration)?.missing.map((m) => m.from)).toContain("company.legalRepresentative");

    await t.run("UPDATE companies SET legal_representative = NULL WHERE id = ?", [seed.companyId]);
    try {
      const refused = await dossierZipDownload(t, scope, actor, { planId: seed.planId, now: GENERATED_AT, contentRoot });
      expect(refused).toMatchObject({ ok: false, code: "declaration_incomplete" });
      expect(refused.ok ? "" : refused.message).toMatch(/legale rappresentante/i);
    } finally {
      await t.run("UPDATE companies SET legal_representative = 'Alessandra Conti' WHERE id = ?", [seed.companyId]);
    }
    const otherCompany: CompanyScope = { companyId: seed.companyId + 1000, departments: null, planId: null, via: "company_admin" };
    expect(await dossierZipDownload(t, otherCompany, actor, { planId: seed.planId, contentRoot })).toMatchObject({ ok: false, code: "not_found" });
    expect(await dossierZipDownload(t, scope, actor, { planId: 999_999, contentRoot })).toMatchObject({ ok: false, code: "not_found" });
    expect(await t.get("SELECT count(*) AS n FROM audit_events")).toEqual(before);
  });

  it("records a cancelled download as incomplete, and the chain still verifies", async () => {
    const before = (await dossierEvents()).length;
    const reader = dossierZipStream(t, await zipInput()).getReader();
    await reader.read();
    await reader.cancel();
    await vi.waitFor(async () => expect(await dossierEvents()).toHaveLength(before + 1), { timeout: 5_000 });
    expect(JSON.parse((await dossierEvents()).at(-1)!.data)).toMatchObject({ complete: false, reason: expect.stringMatching(/cancel/) });
    expect(await verifyAuditChain(t)).toMatchObject({ ok: true });
  });
});

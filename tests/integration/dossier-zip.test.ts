import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearCatalogCache } from "@/lib/content/catalog";
import { verifyAuditChain } from "@/lib/audit/trail";
import { declarationTemplate } from "@/lib/dossier/declaration-file";
import { SHA256SUMS } from "@/lib/dossier/manifest";
import { parseSha256Sums } from "@/lib/dossier/sha256sums";
import { dossierRefusal, dossierZipStream, type DossierZipInput } from "@/lib/dossier/zip";
import { reportCourse } from "@/lib/reports/register";
import { fundingOf } from "@/lib/reports/funding";
import { getPlan } from "@/db/queries/plans";
import { unzip } from "../support/unzip";
import { FIXTURE_COURSE, FIXTURE_ROOT } from "@/tests/support/reports-seed";
import { seedDossierPlan, type DossierSeed } from "@/tests/support/dossier-zip-seed";
import { dossierInputFor } from "@/tests/support/dossier-zip-input";
import { tempDb } from "./support/temp-db";

const t0 = Date.parse("2026-03-02T08:00:00Z");
const GENERATED_AT = new Date("2026-07-15T10:00:00Z");
const BASE = "https://formazione.example.it";

type AuditRow = { id: number; type: string; subject: string; data: string; actor_user_id: number };

describe("dossier ZIP", () => {
  let t: ReturnType<typeof tempDb>;
  let seed: DossierSeed;

  beforeAll(() => {
    clearCatalogCache();
    t = tempDb();
    seed = seedDossierPlan(t, t0);
  });
  afterAll(() => t.close());

  const zipInput = (over: Partial<DossierZipInput> = {}): DossierZipInput => {
    const scope = { companyId: seed.companyId, departments: null };
    const plan = getPlan(t, seed.companyId, seed.planId)!;
    return {
      input: dossierInputFor(t, seed, GENERATED_AT),
      declaration: declarationTemplate(path.resolve("content"))!,
      planId: seed.planId,
      scope,
      funding: fundingOf(plan),
      courses: [reportCourse(t, scope, FIXTURE_COURSE, FIXTURE_ROOT)!],
      actor: { userId: seed.adminId, sessionId: "s-admin", name: "Ada Amministra", email: "admin@example.com" },
      contentRoot: FIXTURE_ROOT,
      baseUrl: BASE,
      ...over,
    };
  };
  const download = async (z = zipInput()) => Buffer.from(await new Response(dossierZipStream(t, z)).arrayBuffer());
  const dossierEvents = () => t.sqlite.prepare("SELECT id, type, subject, data, actor_user_id FROM audit_events WHERE type = 'admin.dossier' ORDER BY id").all() as AuditRow[];

  it("holds every document, and every hash checks out against SHA256SUMS, sha256sum -c and the audit event", async () => {
    const exportsBefore = (t.sqlite.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'admin.export'").get() as { n: number }).n;
    const zip = await download();
    const files = await unzip(zip);
    const names = [...files.keys()];
    const learners = seed.learners;
    const certs = t.sqlite.prepare("SELECT c.code FROM certificates c JOIN course_completions cc ON cc.id = c.completion_id WHERE cc.plan_id = ? ORDER BY c.code").all(seed.planId) as { code: string }[];
    expect(certs.length).toBeGreaterThan(0);
    expect(names.filter((n) => n.startsWith("registro-fad/partecipanti/"))).toHaveLength(learners.length);
    expect(names.filter((n) => n.startsWith("attestati/")).sort()).toEqual(certs.map((c) => `attestati/attestato-${c.code}.pdf`));
    expect(names.slice(-3)).toEqual(["manifest.json", "LEGGIMI.txt", SHA256SUMS]);
    for (const n of ["registro-fad/registro-piano-" + seed.planId + ".pdf", "dichiarazione-sostitutiva.pdf", "fascicolo-del-corso.pdf", `esportazioni/registro-${FIXTURE_COURSE}.csv`, `esportazioni/registro-${FIXTURE_COURSE}.xlsx`, "esportazioni/accessi.csv", "esportazioni/accessi.xlsx"]) {
      expect(names).toContain(n);
    }
    for (const n of names.filter((x) => x.endsWith(".pdf"))) expect(files.get(n)!.subarray(0, 5).toString(), n).toBe("%PDF-");

    // The exports hold the plan's people only: the outsider of the same course is not there.
    for (const n of [`esportazioni/registro-${FIXTURE_COURSE}.csv`, "esportazioni/accessi.csv"]) {
      const csv = files.get(n)!.toString("utf8");
      expect(csv, n).toContain("Neri");
      expect(csv, n).not.toContain(seed.outsider.lastName);
    }

    // SHA256SUMS lists every other file, in ZIP order, and each hash is the file's.
    const sums = parseSha256Sums(files.get(SHA256SUMS)!.toString("utf8"))!;
    expect(sums.map((s) => s.path)).toEqual(names.filter((n) => n !== SHA256SUMS));
    for (const s of sums) expect(createHash("sha256").update(files.get(s.path)!).digest("hex"), s.path).toBe(s.sha256);

    // The real tool agrees, on the extracted folder.
    const out = path.join(t.dir, "dossier");
    for (const [name, bytes] of files) {
      fs.mkdirSync(path.dirname(path.join(out, name)), { recursive: true });
      fs.writeFileSync(path.join(out, name), bytes);
    }
    const check = execFileSync("sha256sum", ["-c", "--strict", SHA256SUMS], { cwd: out, encoding: "utf8" });
    expect(check.trim().split("\n")).toHaveLength(sums.length);
    expect(check).not.toMatch(/FAILED/);

    // One audit event with every hash and the hash of SHA256SUMS; no admin.export per file.
    const events = dossierEvents();
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
    expect((t.sqlite.prepare("SELECT count(*) AS n FROM audit_events WHERE type = 'admin.export'").get() as { n: number }).n).toBe(exportsBefore);
    expect(verifyAuditChain(t)).toMatchObject({ ok: true });

    // The manifest lists the documents (not itself, the readme or the sums) with the same hashes.
    const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8")) as { files: { path: string; sha256: string; bytes: number }[]; generatedAt: string };
    expect(manifest.generatedAt).toBe(GENERATED_AT.toISOString());
    expect(manifest.files.map((f) => f.path)).toEqual(names.slice(0, -3));
    expect(manifest.files.map((f) => f.sha256)).toEqual(sums.slice(0, -2).map((s) => s.sha256));
    const readme = files.get("LEGGIMI.txt")!.toString("utf8");
    expect(readme).toContain("sha256sum -c SHA256SUMS");
    for (const f of manifest.files) expect(readme).toContain(`${f.sha256}  ${f.path}`);
  });

  it("is the same dossier when made again from the same data at the same time", async () => {
    const a = await unzip(await download());
    const b = await unzip(await download());
    const stable = [...a.keys()].filter((n) => !n.endsWith(".xlsx") && n !== SHA256SUMS && n !== "manifest.json" && n !== "LEGGIMI.txt");
    for (const n of stable) expect(b.get(n)!.equals(a.get(n)!), n).toBe(true);
  });

  it("is refused before any byte when the declaration would have blanks", () => {
    const z = zipInput();
    const input = { ...z.input, company: { ...z.input.company, legalRepresentative: null } };
    const refusal = dossierRefusal(input, z.declaration);
    expect(refusal?.missing.map((m) => m.key)).toContain("legal_representative");
    expect(dossierRefusal(z.input, z.declaration)).toBeNull();
  });

  it("records a cancelled download as incomplete, and the chain still verifies", async () => {
    const before = dossierEvents().length;
    const reader = dossierZipStream(t, zipInput()).getReader();
    await reader.read();
    await reader.cancel();
    await new Promise((r) => setTimeout(r, 300));
    const events = dossierEvents();
    expect(events).toHaveLength(before + 1);
    expect(JSON.parse(events.at(-1)!.data)).toMatchObject({ complete: false, reason: expect.stringMatching(/cancel/) });
    expect(verifyAuditChain(t)).toMatchObject({ ok: true });
  });
});

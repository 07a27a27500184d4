import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPlan } from "@/db/queries/plans";
import { createUserIfMissing } from "@/db/queries/users";
import { companies } from "@/db/schema";
import { appendAuditEvent, verifyAuditChain } from "@/lib/audit/trail";
import { clearCatalogCache } from "@/lib/content/catalog";
import { courseFileData, renderCourseFilePdf } from "@/lib/dossier/course-file-pdf";
import { declarationTemplate } from "@/lib/dossier/declaration-file";
import { declarationData, renderDeclarationPdf } from "@/lib/dossier/declaration-pdf";
import { fillDeclaration } from "@/lib/dossier/declaration";
import { declarationMissing, dossierDownload } from "@/lib/dossier/documents";
import { dataHash } from "@/lib/dossier/format";
import { readPlanDossier } from "@/lib/dossier/read";
import { registerData, renderRegisterPdf } from "@/lib/dossier/register-pdf";
import type { PlanDossierInput } from "@/lib/dossier/types";
import type { CompanyScope } from "@/lib/auth/scope";
import { registerExport } from "@/lib/reports/exports";
import { reportCourse } from "@/lib/reports/register";
import { csvRows } from "@/tests/support/csv-rows";
import { FIXTURE_COURSE, FIXTURE_ROOT, REGISTER_PLANS, seedLearner, type LearnerPlan } from "@/tests/support/reports-seed";
import { eq } from "drizzle-orm";
import { orm } from "@/db/engine/orm";
import { openTestDb, type TestDb } from "./support/test-db";

/**
 * The dossier's data (lib/dossier/read.ts) and its four PDFs on seeded data, with the dates
 * injected so the documents are stable:
 * - the figures per participant equal the register CSV the reports export for the same plan;
 * - golden files of `pdftotext -layout` for the plan register, one participant's register, the
 *   declaration and the course file (tests/golden/dossier/), rendered from the seeded data with
 *   the certificate codes and the audit head (random per run) fixed; every page's footer carries
 *   the data hash recomputed from that data.
 *   Update them after an intended change with `UPDATE_GOLDEN=1 npx vitest run tests/integration/dossier-read.test.ts`
 *   and read the diff (DOSSIER_PDF_DIR=<folder> keeps the PDFs to look at);
 * - fonts embedded (`pdffonts`), "pagina X di Y" on every page;
 * - a declaration that would print a blank is refused, naming the missing fields.
 */

const GOLDEN = path.resolve("tests/golden/dossier");
const UPDATE = process.env.UPDATE_GOLDEN === "1";
const t0 = Date.parse("2026-03-02T08:00:00Z");
const NOW = new Date("2026-03-04T16:30:00Z");
const CONTENT = path.resolve("content");

/** In the plan: every state, accents and apostrophes in names, a deactivated learner. */
const IN_PLAN = ["formato-1", "formato-2", "formato-deact", "corso-opened", "corso-low-attendance", "non-formato-fails", "accenti"];
/** Enrolled in the same course without a plan, and in another plan of the company. */
const NO_PLAN = "corso-lessons";
const OTHER_PLAN = "formato-4";

function pdfText(bytes: Uint8Array, dir: string, name: string): string {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

function pdfFonts(bytes: Uint8Array, dir: string, name: string): string[][] {
  const file = path.join(dir, `${name}-fonts.pdf`);
  fs.writeFileSync(file, bytes);
  const lines = execFileSync("pdffonts", [file], { encoding: "utf8" }).trim().split("\n").slice(2);
  return lines.map((l) => l.trim().split(/\s+/));
}

describe("funded-training dossier: data and PDFs", () => {
  let t: TestDb;
  let scope: CompanyScope;
  let planId: number;
  let otherPlanId: number;
  let adminId: number;
  let ids: Map<string, number>;
  let input: PlanDossierInput;
  let codes: string[];
  // DOSSIER_PDF_DIR=<folder> keeps the PDFs there, to look at them (pdftoppm -r 60 -png).
  const keep = process.env.DOSSIER_PDF_DIR;
  const tmp = keep ? (fs.mkdirSync(keep, { recursive: true }), keep) : fs.mkdtempSync(path.join(os.tmpdir(), "binomio-dossier-"));

  /**
   * The seeded data with what is random per run made fixed: certificate codes (drawn at random
   * when issued) and the audit head's hash (the chain covers the codes). The renderers are pure
   * functions of their input, so the PDFs of this input are the same on every run.
   */
  const stable = (x: PlanDossierInput): PlanDossierInput => ({
    ...x,
    auditHead: x.auditHead && { id: x.auditHead.id, hash: "a1".repeat(32) },
    courses: x.courses.map((c) => ({
      ...c,
      participants: c.participants.map((p) => (p.certificate ? { ...p, certificate: { ...p.certificate, code: `TEST-${String(codes.indexOf(p.certificate.code) + 1).padStart(4, "0")}-ABCD-EFGH` } } : p)),
    })),
  });

  function golden(name: string, text: string): void {
    const file = path.join(GOLDEN, `${name}.txt`);
    if (UPDATE || !fs.existsSync(file)) {
      // A missing golden file is written (and the test fails below unless UPDATE_GOLDEN=1), so it can be read and committed.
      fs.mkdirSync(GOLDEN, { recursive: true });
      fs.writeFileSync(file, text);
      if (!UPDATE) throw new Error(`golden file ${file} was missing: written now; read it, then commit it`);
    }
    expect(text).toBe(fs.readFileSync(file, "utf8"));
  }

  beforeAll(async () => {
    clearCatalogCache();
    t = await openTestDb();
    const company = await orm(t)
      .insert(companies)
      .values({ name: "Officine Test S.r.l.", taxCode: "01234567897", inpsNumber: "1234567890", city: "Milano", signerName: "Alessandra Conti", signerRole: "Direttrice del personale" })
      .returning()
      .get();
    scope = { companyId: company.id, departments: null, planId: null, via: "company_admin" };
    const common = { avviso: "Avviso 1/2026", cup: null, attendanceThreshold: null, finalTestRequired: null, signerName: null, signerRole: null } as const;
    planId = await insertPlan(t, company.id, null, { ...common, fund: "fondimpresa", title: "Competenze digitali 2026", protocol: "AVT/001/26", projectTitle: "Social media e lavoro", startsOn: "2026-03-01", endsOn: "2026-12-31" }, [FIXTURE_COURSE]);
    otherPlanId = await insertPlan(t, company.id, null, { ...common, fund: "fondimpresa", title: "Altro piano", protocol: "AVT/002/26", projectTitle: null, startsOn: null, endsOn: null }, [FIXTURE_COURSE]);
    adminId = (await createUserIfMissing(t, { email: "admin@officine.example", firstName: "Marco", lastName: "Amministratore", passwordHash: null, roles: ["company_admin"], companyId: company.id })).user.id;
    ids = new Map();
    const byKey = new Map(REGISTER_PLANS.map((p) => [p.key, p]));
    for (const key of [...IN_PLAN, NO_PLAN, OTHER_PLAN]) {
      const p = byKey.get(key)! as LearnerPlan;
      const user = (await createUserIfMissing(t, { email: `${p.key}@example.com`, firstName: p.firstName, lastName: p.lastName, fiscalCode: p.fiscalCode ?? null, department: p.department ?? null, passwordHash: null, roles: ["learner"], companyId: company.id })).user;
      // Enrolled in the plan before any activity: a completion freezes the plan its cycle had.
      const plan = key === NO_PLAN ? null : key === OTHER_PLAN ? otherPlanId : planId;
      await t.run("INSERT INTO enrolments (user_id, course_slug, plan_id) VALUES (?, ?, ?)", [user.id, FIXTURE_COURSE, plan]);
      ids.set(key, (await seedLearner(t, p, t0, company.id)).id);
    }
    // An export made earlier from the reports page (fixed time, so the course file is stable).
    await appendAuditEvent(t, {
      type: "admin.export",
      actorUserId: adminId,
      subject: `report:register:${FIXTURE_COURSE}`,
      data: { format: "csv", filters: { course: FIXTURE_COURSE, plan: planId }, rows: 7, sha256: "ab".repeat(32), complete: true, separator: ";" },
      at: new Date("2026-03-03T10:15:00Z"),
    });
    input = (await readPlanDossier(t, scope, planId, { now: NOW, contentRoot: FIXTURE_ROOT }))!;
    codes = (await t.all<{ code: string }>("SELECT code FROM certificates ORDER BY id")).map((r) => r.code);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    if (!keep) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("reads nothing outside the caller's scope", async () => {
    expect(await readPlanDossier(t, { ...scope, companyId: scope.companyId + 1 }, planId, { now: NOW, contentRoot: FIXTURE_ROOT })).toBeNull();
    expect(await readPlanDossier(t, scope, 9999, { now: NOW, contentRoot: FIXTURE_ROOT })).toBeNull();
  });

  it("lists exactly the plan's participants, and per participant the figures the register CSV exports for the plan", async () => {
    const section = input.courses.find((c) => c.course.slug === FIXTURE_COURSE)!;
    expect(section.participants.map((p) => p.email).sort()).toEqual(IN_PLAN.map((k) => `${k}@example.com`).sort());

    const course = (await reportCourse(t, scope, FIXTURE_COURSE, FIXTURE_ROOT))!;
    const file = registerExport(t, { course, query: { scope, filter: { plan: planId } }, filters: { plan: planId }, format: "csv", actor: { userId: adminId, sessionId: null }, now: NOW });
    const text = Buffer.from(await new Response(file.body).arrayBuffer()).subarray(3).toString("utf8");
    const rows = csvRows(text.replace(/\r\n$/, ""), ";");
    const col = (name: string) => rows[0]!.indexOf(name);
    expect(rows).toHaveLength(IN_PLAN.length + 1);
    for (const row of rows.slice(1)) {
      const p = section.participants.find((x) => x.email === row[col("E-mail")])!;
      expect(p, row[col("E-mail")]).toBeDefined();
      const h = Math.floor(p.activeSeconds / 3600);
      const m = Math.floor(p.activeSeconds / 60) % 60;
      expect(row[col("Ore frequentate (h:mm)")], p.email).toBe(`${h}:${String(m).padStart(2, "0")}`);
      expect(row[col("Ore frequentate (decimali)")], p.email).toBe((Math.floor(p.activeSeconds / 36) / 100).toFixed(2).replace(".", ","));
      expect(row[col("Frequenza %")], p.email).toBe(p.attendancePercent.toFixed(1).replace(".", ","));
      expect(row[col("Esito")], p.email).toBe(p.status.replace("-", " "));
      expect(row[col("Attestato")], p.email).toBe(p.certificate ? p.certificate.code : "");
      expect(row[col("Tentativi test finale")], p.email).toBe(String(p.attempts.filter((a) => a.submittedAt).length));
    }
    expect(section.participants.find((p) => p.email === "formato-1@example.com")).toMatchObject({ status: "formato", activeSeconds: 660, attendancePercent: 73.3 });
    expect(section.participants.find((p) => p.email === "non-formato-fails@example.com")?.status).toBe("non-formato");
  });

  it("gives each participation its sessions with the access log's logout rules, its attempts and the lesson versions it took", () => {
    const p = input.courses[0]!.participants.find((x) => x.email === "formato-2@example.com")!;
    expect(p.sessions).toHaveLength(1);
    expect(p.sessions[0]).toMatchObject({ endKind: "sign-out", lessons: [1, 2] });
    expect(p.sessions[0]!.activeSeconds).toBe(720);
    expect(p.attempts.map((a) => a.passed)).toEqual([false, true]);
    expect(p.lessonVersions.map((v) => v.lessonSlug)).toEqual(["first-steps", "second-look"]);
    expect(Object.keys(p.completionLessonHashes ?? {})).toEqual(["first-steps", "second-look"]);
    expect(p.presenceChecks).toEqual([]);
    expect(input.exports.map((e) => e.subject)).toEqual(["Registro dei partecipanti — Corso valido, piano «Competenze digitali 2026»"]);
    expect(input.auditHead?.id).toBeGreaterThan(0);
  });

  it("prints the plan register, one participant's register and the course file as in the golden files, fonts embedded, every page numbered", async () => {
    const fixed = stable(input);
    const docs: [string, Uint8Array, string][] = [
      ["registro-piano", await renderRegisterPdf(fixed), dataHash(registerData(fixed))],
      ["registro-partecipante", await renderRegisterPdf(fixed, { participantId: ids.get("formato-2") }), dataHash(registerData(fixed, ids.get("formato-2")))],
      ["fascicolo-corso", await renderCourseFilePdf(fixed), dataHash(courseFileData(fixed))],
    ];
    for (const [name, bytes, hash] of docs) {
      const text = pdfText(bytes, tmp, name);
      const pages = text.split("\f").filter((p) => p.trim());
      pages.forEach((page, i) => {
        expect(page, `${name} page ${i + 1}`).toContain(`pagina ${i + 1} di ${pages.length}`);
        expect(page.replace(/\s+/g, " "), `${name} page ${i + 1}`).toContain(`SHA-256 dei dati: ${hash}`);
      });
      const fonts = pdfFonts(bytes, tmp, name);
      expect(fonts.length, name).toBeGreaterThan(0);
      for (const f of fonts) {
        expect(f[0], name).toMatch(/DejaVuSansCondensed/);
        // Columns: name type encoding emb sub uni object ID. Subset under a fixed name (lib/dossier/pdf/fonts.ts), so `sub` says no.
        expect(f.at(-5), `${name}: ${f.join(" ")}`).toBe("yes");
        expect(f.at(-3), `${name}: ${f.join(" ")} (ToUnicode)`).toBe("yes");
      }
      golden(name, text);
    }
  });

  it("refuses the declaration while a field it needs is missing, naming it; prints it once the company record has it", async () => {
    expect(await declarationMissing(t, scope, planId, { contentRoot: FIXTURE_ROOT })).toEqual([
      { key: "template", token: "", label: "Il modello della dichiarazione (content/declaration/declaration.yaml)", from: null },
    ]);
    const template = declarationTemplate(CONTENT)!;
    const refused = fillDeclaration(template, input);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.missing.map((m) => m.label)).toEqual(["Legale rappresentante dell'azienda"]);
    await expect(renderDeclarationPdf(template, input)).rejects.toThrow(/\[LEGALE RAPPRESENTANTE\]/);

    await orm(t).update(companies).set({ legalRepresentative: "Carla Bassi", address: "Via dell'Esempio 1, 20121" }).where(eq(companies.id, scope.companyId));
    const filled = stable((await readPlanDossier(t, scope, planId, { now: NOW, contentRoot: FIXTURE_ROOT }))!);
    const bytes = await renderDeclarationPdf(template, filled);
    const text = pdfText(bytes, tmp, "dichiarazione");
    expect(text).not.toMatch(/\[[^\]]*\]/);
    const hash = dataHash({ template: (fillDeclaration(template, filled) as { doc: unknown }).doc, data: declarationData(filled) });
    const pages = text.split("\f").filter((p) => p.trim());
    pages.forEach((page, i) => expect(page).toContain(`pagina ${i + 1} di ${pages.length}`));
    expect(text.replace(/\s+/g, " ")).toContain(`SHA-256 dei dati: ${hash}`);
    golden("dichiarazione", text);

    // The numbers add up: the declaration's total is the register's, the sum of the participants' hours.
    const seconds = filled.courses[0]!.participants.reduce((sum, p) => sum + p.activeSeconds, 0);
    const hours = (Math.floor(seconds / 36) / 100).toFixed(2).replace(".", ",");
    expect(text.replace(/\s+/g, " ")).toContain(`per complessive ${hours} ore di formazione`);
    expect(pdfText(await renderRegisterPdf(filled), tmp, "registro-totale").replace(/\s+/g, " ")).toContain(`Ore attive di tutti i partecipanti: ${Math.floor(seconds / 3600)}:${String(Math.floor(seconds / 60) % 60).padStart(2, "0")} (${hours} ore)`);
  });

  it("records each download as an admin.export event with the file's SHA-256; records nothing for a refusal", async () => {
    const count = async () => (await t.get<{ n: number }>("SELECT count(*) AS n FROM audit_events WHERE type = 'admin.export'"))!.n;
    const before = await count();
    const actor = { userId: adminId, sessionId: null };
    expect(await dossierDownload(t, scope, actor, { document: "register", planId: 9999, contentRoot: FIXTURE_ROOT })).toMatchObject({ ok: false, code: "not_found" });
    expect(await dossierDownload(t, scope, actor, { document: "participant-register", planId, userId: ids.get(NO_PLAN), contentRoot: FIXTURE_ROOT })).toMatchObject({ ok: false, code: "not_found" });
    expect(await dossierDownload(t, scope, actor, { document: "participant-register", planId, userId: ids.get(OTHER_PLAN), contentRoot: FIXTURE_ROOT })).toMatchObject({ ok: false, code: "not_found" });
    expect(await count()).toBe(before);

    const one = await dossierDownload(t, scope, actor, { document: "participant-register", planId, userId: ids.get("accenti"), contentRoot: FIXTURE_ROOT });
    expect(one.ok).toBe(true);
    if (!one.ok) return;
    expect(one.file.filename).toMatch(/^registro-fad-perche-piu-cosi-agata-piano-\d+-\d{8}-\d{4}\.pdf$/);
    const event = (await t.get<{ subject: string; data: string }>("SELECT subject, data FROM audit_events WHERE type = 'admin.export' ORDER BY id DESC LIMIT 1"))!;
    expect(event.subject).toBe(`dossier:register:plan:${planId}:user:${ids.get("accenti")}`);
    expect(JSON.parse(event.data)).toMatchObject({ format: "pdf", companyId: scope.companyId, filters: { plan: planId, participant: ids.get("accenti") }, rows: 1, sha256: one.file.sha256, complete: true });
    expect(await count()).toBe(before + 1);
    expect((await verifyAuditChain(t)).ok).toBe(true);

    // The course file lists it, in words.
    const again = (await readPlanDossier(t, scope, planId, { now: NOW, contentRoot: FIXTURE_ROOT }))!;
    expect(again.exports.at(-1)).toMatchObject({ subject: "Registro FAD individuale — Perché Più Così Àgata, piano «Competenze digitali 2026»", format: "PDF", rows: 1, sha256: one.file.sha256, actor: "Amministratore Marco" });
  });
});

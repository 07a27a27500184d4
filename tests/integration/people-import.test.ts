import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseEmployeeCsv } from "@/lib/people/csv-import";
import { applyImport, getImport, planImport, saveImport, type ImportTarget } from "@/lib/people/import-plan";
import { insertCompany, replaceCompanyDomains } from "@/db/queries/companies";
import { createUserIfMissing } from "@/db/queries/users";
import { addEnrolmentRule, isEnrolled, listEnrolments } from "@/db/queries/enrolment";
import { verifyAuditChain } from "@/lib/audit/trail";
import { openTestDb, type TestDb } from "./support/test-db";

const HEADER = "cognome;nome;email;codice_fiscale;reparto;qualifica;tipo_contratto";
const ROWS = [
  "Rossi;Mario;mario.rossi@acme.it;RSSMRA85T10A562S;Magazzino;Operaio;Tempo indeterminato",
  "Bianchi;Anna;anna.bianchi@acme.it;BNCNNA90A41F205W;Vendite;Impiegato;Tempo determinato",
  "D'Angelo;Lucia;lucia.dangelo@acme.it;DNGLCU88M52H501Q;Vendite;Quadro;",
];
const csv = (lines: string[], bom = false) => new TextEncoder().encode((bom ? "\uFEFF" : "") + [HEADER, ...lines].join("\r\n") + "\r\n");

describe("employee CSV import (real database, either engine)", () => {
  let t: TestDb;
  let admin: number;
  let acme: number;
  let target: ImportTarget;
  beforeEach(async () => {
    t = await openTestDb();
    acme = await insertCompany(t, { name: "ACME S.r.l.", taxCode: "01234567897" });
    target = { companyId: acme, routeRows: false };
    admin = (await createUserIfMissing(t, { email: "hr@acme.it", firstName: "H", lastName: "R", passwordHash: null, roles: ["company_admin"], companyId: acme })).user.id;
  });
  afterEach(() => t.close());

  async function dryRun(bytes: Uint8Array, to: ImportTarget = target) {
    const parsed = await parseEmployeeCsv(bytes);
    if (!parsed.ok) throw new Error(parsed.problem.code);
    return { id: await saveImport(t, admin, to.companyId, "people.csv", parsed.sha256, parsed.rows), plan: await planImport(t, parsed.rows, to) };
  }
  const userCount = async () => (await t.get<{ n: number }>("SELECT count(*) AS n FROM users"))!.n;

  it("checks the sample rows themselves", async () => {
    // The fixtures above must be valid codici fiscali, or every other test proves nothing.
    const parsed = await parseEmployeeCsv(csv(ROWS));
    expect(parsed.ok && parsed.rows.every((r) => r.problems.length === 0)).toBe(true);
  });

  it("a dry run writes no person; confirm applies everything in one go", async () => {
    const { id, plan } = await dryRun(csv(ROWS, true));
    expect(plan.counts).toEqual({ create: 3, update: 0, unchanged: 0, error: 0 });
    expect(await userCount()).toBe(1);
    const r = await applyImport(t, id, admin, target);
    expect(r).toMatchObject({ ok: true, updated: 0, unchanged: 0 });
    expect(await userCount()).toBe(4);
    expect(await t.all('SELECT name, company_id AS "companyId" FROM departments ORDER BY name')).toEqual([
      { name: "Magazzino", companyId: acme },
      { name: "Vendite", companyId: acme },
    ]);
    expect(await applyImport(t, id, admin, target)).toEqual({ ok: false, code: "already_applied" });
  });

  it("one bad row refuses the whole file and writes nothing", async () => {
    const bad = [...ROWS, "Verdi;;not-an-email;RSSMRA85T10A562X;Vendite;;", "=HYPERLINK(\"http://x\");Eva;eva@acme.it;;;;"];
    const { id, plan } = await dryRun(csv(bad));
    expect(plan.counts.error).toBe(2);
    const [verdi, eva] = plan.rows.slice(3);
    expect(verdi!.problems.map((p) => p.code).sort()).toEqual(["email", "fiscal-code", "missing"]);
    // The admin is told which value is wrong and why (here: the check character, with the right one).
    expect(verdi!.problems).toContainEqual({ code: "fiscal-code", value: "RSSMRA85T10A562X", reason: "checksum", expected: "S" });
    expect(verdi!.line).toBe(5);
    expect(eva!.problems).toContainEqual({ code: "formula", field: "cognome" });
    expect(await applyImport(t, id, admin, target)).toEqual({ ok: false, code: "has_errors", errors: 2 });
    expect(await userCount()).toBe(1);
  });

  it("re-importing the same file changes nothing; a changed field is an update", async () => {
    await applyImport(t, (await dryRun(csv(ROWS))).id, admin, target);
    const again = await dryRun(csv(ROWS));
    expect(again.plan.counts).toEqual({ create: 0, update: 0, unchanged: 3, error: 0 });
    const before = await t.all("SELECT * FROM users ORDER BY id");
    await applyImport(t, again.id, admin, target);
    expect(await t.all("SELECT * FROM users ORDER BY id")).toEqual(before);
    const moved = await dryRun(csv([ROWS[0]!.replace("Magazzino", "Produzione"), ROWS[1]!, ROWS[2]!]));
    expect(moved.plan.counts).toEqual({ create: 0, update: 1, unchanged: 2, error: 0 });
    expect(moved.plan.rows[0]!.changes).toEqual(["department"]);
  });

  it("duplicates inside the file and a codice fiscale owned by someone else are row errors", async () => {
    await applyImport(t, (await dryRun(csv([ROWS[0]!]))).id, admin, target);
    const { plan } = await dryRun(
      csv([ROWS[1]!, ROWS[1]!.replace("anna.bianchi", "anna.b"), "Neri;Ugo;ugo@acme.it;RSSMRA85T10A562S;;;"]),
    );
    expect(plan.rows[1]!.problems).toContainEqual({ code: "duplicate-fiscal-code", line: 2 });
    expect(plan.rows[2]!.problems).toContainEqual({ code: "fiscal-code-taken", email: "mario.rossi@acme.it" });
  });

  it("people imported later into an enrolled department are enrolled by the stored rule", async () => {
    await addEnrolmentRule(t, { companyId: acme, courseSlug: "lavoro-e-social-media", scope: "department", department: "Vendite", dueDate: "2027-01-31", createdBy: admin });
    await applyImport(t, (await dryRun(csv(ROWS))).id, admin, target);
    const id = async (email: string) => (await t.get<{ id: number }>("SELECT id FROM users WHERE email = ?", [email]))!.id;
    expect(await isEnrolled(t, await id("anna.bianchi@acme.it"), "lavoro-e-social-media")).toBe(true);
    expect(await isEnrolled(t, await id("mario.rossi@acme.it"), "lavoro-e-social-media")).toBe(false);
    expect(await listEnrolments(t, await id("lucia.dangelo@acme.it"))).toEqual([{ courseSlug: "lavoro-e-social-media", dueDate: "2027-01-31" }]);
    expect((await verifyAuditChain(t)).ok).toBe(true);
  });

  describe("the azienda column and other companies", () => {
    const AZ = `${HEADER};azienda`;
    const csvAz = (lines: string[]) => new TextEncoder().encode([AZ, ...lines].join("\n") + "\n");
    let coop: number;
    beforeEach(async () => {
      coop = await insertCompany(t, { name: "Cooperativa Adriatica", taxCode: "02345678901" });
      await replaceCompanyDomains(t, coop, ["adriatica.example"]);
    });

    it("a provider admin's rows go to the company they name (by name or tax code), else by e-mail domain, else to the current company", async () => {
      const provider: ImportTarget = { companyId: acme, routeRows: true };
      const { id, plan } = await dryRun(
        csvAz([
          `${ROWS[0]};Cooperativa Adriatica`,
          `${ROWS[1]};02345678901`,
          "Neri;Ugo;ugo@adriatica.example;NREGUO80A01A271K;Soci;;;",
          `${ROWS[2]};`,
        ]),
        provider,
      );
      expect(plan.rows.map((r) => [r.values.email, r.companyName])).toEqual([
        ["mario.rossi@acme.it", "Cooperativa Adriatica"],
        ["anna.bianchi@acme.it", "Cooperativa Adriatica"],
        ["ugo@adriatica.example", "Cooperativa Adriatica"],
        ["lucia.dangelo@acme.it", "ACME S.r.l."],
      ]);
      expect(await applyImport(t, id, admin, provider)).toMatchObject({ ok: true });
      const companyOf = async (email: string) => (await t.get<{ c: number }>("SELECT company_id AS c FROM users WHERE email = ?", [email]))!.c;
      expect(await companyOf("mario.rossi@acme.it")).toBe(coop);
      expect(await companyOf("ugo@adriatica.example")).toBe(coop);
      expect(await companyOf("lucia.dangelo@acme.it")).toBe(acme);
      expect(await t.get("SELECT count(*) AS n FROM departments WHERE company_id = ? AND name = 'Soci'", [coop])).toEqual({ n: 1 });
    });

    it("an unknown company is a row error for a provider admin; a company admin may only name their own", async () => {
      const provider = await dryRun(csvAz([`${ROWS[0]};Nessuna S.p.A.`]), { companyId: acme, routeRows: true });
      expect(provider.plan.rows[0]!.problems).toContainEqual({ code: "company-unknown", value: "Nessuna S.p.A." });
      const own = await dryRun(csvAz([`${ROWS[0]};ACME S.r.l.`]));
      expect(own.plan.counts).toMatchObject({ create: 1, error: 0 });
      // Another company and an unknown one get the same answer: nothing is learnt about other companies.
      const other = await dryRun(csvAz([`${ROWS[0]};Cooperativa Adriatica`, `${ROWS[1]};Nessuna S.p.A.`]));
      expect(other.plan.rows.map((r) => r.problems)).toEqual([[{ code: "company-not-allowed" }], [{ code: "company-not-allowed" }]]);
      // The e-mail domain does not route a company admin's rows elsewhere.
      expect((await dryRun(csv(["Neri;Ugo;ugo@adriatica.example;NREGUO80A01A271K;;;"]))).plan.rows[0]!.companyName).toBe("ACME S.r.l.");
    });

    it("never updates, nor names, a person of another company", async () => {
      await createUserIfMissing(t, { email: "anna.bianchi@acme.it", firstName: "Anna", lastName: "Altrove", fiscalCode: "BNCNNA90A41F205W", passwordHash: null, roles: ["learner"], companyId: coop });
      const { id, plan } = await dryRun(csv([ROWS[1]!, ROWS[1]!.replace("anna.bianchi@", "anna.b2@")]));
      expect(plan.rows[0]!.problems).toContainEqual({ code: "email-elsewhere" });
      expect(plan.rows[1]!.problems).toContainEqual({ code: "fiscal-code-taken-elsewhere" });
      expect(JSON.stringify(plan)).not.toContain("Altrove");
      expect(await applyImport(t, id, admin, target)).toEqual({ ok: false, code: "has_errors", errors: 2 });
      // Another company's import is not found by this company's admin.
      expect(await getImport(t, coop, id)).toBeNull();
      expect(await applyImport(t, id, admin, { companyId: coop, routeRows: false })).toEqual({ ok: false, code: "not_found" });
    });
  });

  it.each([
    ["an empty file", new Uint8Array(), "empty"],
    ["a header only", new TextEncoder().encode(HEADER + "\n"), "empty"],
    ["missing columns", new TextEncoder().encode("nome;email\nMario;m@x.it\n"), "columns"],
    ["Latin-1 bytes", Uint8Array.from([...new TextEncoder().encode(HEADER + "\n"), 0x52, 0x6f, 0x73, 0x73, 0xec, 0x3b, 0x0a]), "encoding"],
    ["a 50 MB file", new Uint8Array(50 * 1024 * 1024), "too-large"],
  ])("refuses %s with a clear code", async (_label, bytes, code) => {
    const r = await parseEmployeeCsv(bytes);
    expect(r.ok ? null : r.problem.code).toBe(code);
  });

  it("accepts commas as separator and a BOM, as Excel writes them", async () => {
    const comma = new TextEncoder().encode("\uFEFF" + [HEADER.replace(/;/g, ","), ROWS[0]!.replace(/;/g, ",")].join("\n"));
    const r = await parseEmployeeCsv(comma);
    expect(r.ok && r.rows[0]!.values).toMatchObject({ lastName: "Rossi", email: "mario.rossi@acme.it", fiscalCode: "RSSMRA85T10A562S" });
  });

  it("validates 10,000 rows (the size of a large company) and plans them", async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `Cognome${i};Nome${i};p${i}@acme.it;RSSMRA85T10A562S;Reparto${i % 20};;`);
    const started = performance.now();
    const parsed = await parseEmployeeCsv(csv(lines));
    if (!parsed.ok) throw new Error(parsed.problem.code);
    const plan = await planImport(t, parsed.rows, target);
    // Same codice fiscale on every row: all but the first are duplicates — every row was checked.
    expect(plan.counts).toEqual({ create: 1, update: 0, unchanged: 0, error: 9_999 });
    console.log(`10,000 rows parsed and planned in ${Math.round(performance.now() - started)} ms`);
    expect((await getImport(t, acme, await saveImport(t, admin, acme, "big.csv", parsed.sha256, parsed.rows)))?.parsed).toHaveLength(10_000);
  });
});

describe("the sample file offered on the import page", () => {
  it("is a valid import with every column filled", async () => {
    const parsed = await parseEmployeeCsv(fs.readFileSync(path.join(process.cwd(), "public", "esempio-dipendenti.csv")));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rows.length).toBeGreaterThanOrEqual(3);
    for (const r of parsed.rows) {
      expect(r.problems).toEqual([]);
      // `azienda` is for provider admins only: the sample is a company's own file.
      expect(Object.entries(r.values).every(([k, v]) => k === "company" || (v !== null && v !== ""))).toBe(true);
    }
  });
});

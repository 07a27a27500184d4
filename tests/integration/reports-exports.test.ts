import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordHeartbeat, startLearnerClock } from "@/lib/progress/heartbeat";
import { verifyAuditChain } from "@/lib/audit/trail";
import { clearCatalogCache } from "@/lib/content/catalog";
import { registerExport, sessionsExport } from "@/lib/reports/exports";
import { registerFilter } from "@/lib/reports/filters";
import { reportCourse, REGISTER_COLUMNS, SESSION_COLUMNS, type ReportCourse } from "@/lib/reports/register";
import { FIXTURE_COURSE, FIXTURE_ROOT, REGISTER_PLANS, seedRegister, type SeededLearner } from "@/tests/support/reports-seed";
import { verifyCsvExport, verifyXlsxExport } from "@/lib/reports/verify";
import { SUMMARY_SHEET } from "@/lib/reports/xlsx";
import { openTestDb, type TestDb } from "./support/test-db";
import type { DataScope } from "@/db/queries/scope";
import { NO_FUNDING } from "@/lib/reports/funding";
import { csvRows } from "../support/csv-rows";

const t0 = Date.parse("2026-03-02T08:00:00Z");
const actor = { userId: 1, sessionId: "admin-session" };

async function bytes(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

describe("register and access-log exports (CSV, XLSX)", () => {
  let t: TestDb;
  let learners: SeededLearner[];
  let course: ReportCourse;
  let scope: DataScope;
  const now = new Date("2026-03-02T14:00:00Z");

  beforeAll(async () => {
    clearCatalogCache();
    t = await openTestDb();
    const seeded = await seedRegister(t, t0);
    learners = seeded.learners;
    scope = { companyId: seeded.companyId, departments: null };
    course = (await reportCourse(t, scope, FIXTURE_COURSE, FIXTURE_ROOT))!;
  }, 60_000);
  afterAll(() => t.close());

  const exportEvents = async () =>
    (await t.all<{ subject: string; data: string }>("SELECT subject, data FROM audit_events WHERE type = 'admin.export' ORDER BY id")).map((e) => ({
      subject: e.subject,
      data: JSON.parse(e.data) as Record<string, unknown>,
    }));

  it("CSV (;): BOM, Italian decimal comma, Rome times, quoting, formula escaping, only the table, hash in the audit event", async () => {
    const file = registerExport(t, { course, query: { scope }, filters: {}, format: "csv", actor, now });
    expect(file.filename).toBe(`registro-${FIXTURE_COURSE}-20260302-1500.csv`);
    const buf = await bytes(file.body);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.subarray(3).toString("utf8");
    // The file is the table: no summary lines for a spreadsheet to show as junk rows.
    expect(text).not.toMatch(/^#/m);
    const data = text.replace(/\r\n$/, "");
    const rows = csvRows(data, ";");
    expect(rows[0]).toEqual(REGISTER_COLUMNS.map((c) => c.header));
    expect(rows).toHaveLength(REGISTER_PLANS.length + 1);
    const col = (name: string) => rows[0]!.indexOf(name);
    const byEmail = new Map(rows.slice(1).map((r) => [r[col("E-mail")]!, r]));

    const anna = byEmail.get("formato-1@example.com")!;
    expect(anna[col("Cognome")]).toBe("Neri");
    expect(anna[col("Codice fiscale")]).toBe("NRENNA80A41H501U");
    expect(anna[col("Ore previste (h:mm)")]).toBe("0:15");
    expect(anna[col("Ore previste (decimali)")]).toBe("0,25");
    expect(anna[col("Ore frequentate (h:mm)")]).toBe("0:11");
    expect(anna[col("Ore frequentate (decimali)")]).toBe("0,18");
    expect(anna[col("Frequenza %")]).toBe("73,3");
    expect(anna[col("Punteggio test finale %")]).toBe("100,0");
    expect(anna[col("Esito")]).toBe("formato");
    expect(anna[col("Primo accesso")]).toBe("02/03/2026 09:01:00"); // 08:01 UTC, Rome is UTC+1 in March
    expect(anna[col("Data completamento")]).toMatch(/^02\/03\/2026 \d{2}:\d{2}:\d{2}$/);
    expect(anna[col("Attestato")]).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

    // Formula injection: prefixed with ' so spreadsheets show the text.
    const inj = byEmail.get("injection@example.com")!;
    expect(inj[col("Nome")]).toBe("'=1+1");
    expect(inj[col("Cognome")]).toBe("'+39 333 1234567");
    expect(inj[col("Reparto")]).toBe("'@Marketing");
    const dash = byEmail.get("dash@example.com")!;
    expect(dash[col("Nome")]).toBe("'-2+3");
    expect(dash[col("Cognome")]).toBe("'\tTab");
    expect(dash[col("Reparto")]).toBe("'\rRitorno");
    // Separators, quotes, line breaks and Italian letters survive the round trip.
    expect(byEmail.get("formato-3@example.com")![col("Cognome")]).toBe('Àlvarez; "Zeta"');
    expect(data).toContain('"Àlvarez; ""Zeta"""');
    expect(byEmail.get("multiline@example.com")![col("Nome")]).toBe("Riga\nDue");
    expect(byEmail.get("multiline@example.com")![col("Cognome")]).toBe('O\'Brien, "Junior"');
    expect(byEmail.get("formato-2@example.com")![col("Nome")]).toBe("Niccolò");
    expect(byEmail.get("accenti@example.com")![col("Cognome")]).toBe("Perché Più Così");

    // The audit event holds the SHA-256 of the whole file as downloaded (what `sha256sum` prints).
    const event = (await exportEvents()).at(-1)!;
    const check = verifyCsvExport(buf, String(event.data.sha256), REGISTER_PLANS.length);
    expect(check).toMatchObject({ ok: true, rows: REGISTER_PLANS.length });
    expect(event.subject).toBe(`report:register:${FIXTURE_COURSE}`);
    expect(event.data).toMatchObject({ format: "csv", separator: ";", rows: REGISTER_PLANS.length, sha256: check.computed, complete: true, filters: { course: FIXTURE_COURSE } });
    expect((await verifyAuditChain(t)).ok).toBe(true);
  });

  it("a changed cell or a removed row no longer matches the hash the audit trail holds", async () => {
    const buf = await bytes(registerExport(t, { course, query: { scope }, filters: {}, format: "csv", actor, now }).body);
    const sha = String((await exportEvents()).at(-1)!.data.sha256);
    const tampered = Buffer.from(buf.toString("utf8").replace("73,3", "93,3"), "utf8");
    expect(verifyCsvExport(tampered, sha, 0).ok).toBe(false);
    const lines = buf.toString("utf8").split("\r\n");
    expect(verifyCsvExport(Buffer.from([...lines.slice(0, 2), ...lines.slice(3)].join("\r\n"), "utf8"), sha, 0).ok).toBe(false);
    expect(verifyCsvExport(buf, sha, 0).ok).toBe(true);
  });

  it("CSV (,): decimal point and quoted commas; filters are applied and recorded", async () => {
    const file = registerExport(t, {
      course,
      query: { scope, filter: registerFilter({ status: "formato", department: "Vendite" }) },
      filters: { status: "formato", department: "Vendite" },
      format: "csv",
      separator: ",",
      actor,
      now,
    });
    const buf = await bytes(file.body);
    const text = buf.subarray(3).toString("utf8");
    const rows = csvRows(text.replace(/\r\n$/, ""), ",");
    expect(rows.slice(1).map((r) => r[rows[0]!.indexOf("E-mail")]).sort()).toEqual(["formato-1@example.com", "formato-2@example.com"]);
    expect(rows[1]![rows[0]!.indexOf("Frequenza %")]).toMatch(/^\d+\.\d$/);
    const event = (await exportEvents()).at(-1)!;
    expect(event.data).toMatchObject({ separator: ",", rows: 2, filters: { course: FIXTURE_COURSE, status: "formato", department: "Vendite" } });
    expect(verifyCsvExport(buf, String(event.data.sha256), 2)).toMatchObject({ ok: true, rows: 2 });
  });

  it("XLSX: typed cells, frozen header, widths, autofilter and the Riepilogo sheet that verifies", async () => {
    const file = registerExport(t, { course, query: { scope }, filters: {}, format: "xlsx", actor, now });
    expect(file.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const buf = await bytes(file.body);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe("Registro");
    expect(sheet.rowCount).toBe(REGISTER_PLANS.length + 1);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe(`A1:AH${REGISTER_PLANS.length + 1}`);
    expect(sheet.getColumn(1).width).toBe(18);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(REGISTER_COLUMNS.map((c) => c.header));
    const col = (name: string) => header.indexOf(name) + 1;
    const annaRow = sheet.getRows(2, REGISTER_PLANS.length)!.find((r) => r.getCell(col("E-mail")).value === "formato-1@example.com")!;
    const firstAccess = annaRow.getCell(col("Primo accesso"));
    expect(firstAccess.value).toBeInstanceOf(Date);
    expect((firstAccess.value as Date).toISOString()).toBe("2026-03-02T09:01:00.000Z"); // Rome's wall clock
    expect(firstAccess.numFmt).toBe("dd/mm/yyyy hh:mm:ss");
    expect(annaRow.getCell(col("Ore frequentate (decimali)")).value).toBe(0.18);
    expect(annaRow.getCell(col("Frequenza %")).value).toBe(73.3);
    expect(annaRow.getCell(col("Tentativi test finale")).value).toBe(1);
    expect(annaRow.getCell(col("Ore frequentate (h:mm)")).numFmt).toBe("[h]:mm");
    // Text stays text in XLSX: no formula is created from a name.
    const inj = sheet.getRows(2, REGISTER_PLANS.length)!.find((r) => r.getCell(col("E-mail")).value === "injection@example.com")!;
    expect(inj.getCell(col("Nome")).value).toBe("=1+1");
    expect(inj.getCell(col("Nome")).type).toBe(ExcelJS.ValueType.String);

    const summary = wb.getWorksheet(SUMMARY_SHEET)!;
    const facts = new Map<string, unknown>();
    summary.eachRow((r) => facts.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(facts.get("Righe")).toBe(REGISTER_PLANS.length);
    // Readable by the person who opens it, not a query string.
    expect(facts.get("Filtri")).toBe(`Corso: ${course.title("it")}`);
    expect(facts.get("Generato il (UTC)")).toBe("2026-03-02T14:00:00.000Z");
    const check = await verifyXlsxExport(buf);
    expect(check).toMatchObject({ ok: true, rows: REGISTER_PLANS.length, declared: facts.get("SHA-256") });
    expect((await exportEvents()).at(-1)!.data).toMatchObject({ format: "xlsx", rows: REGISTER_PLANS.length, sha256: check.computed, complete: true });

    // Editing a value and saving breaks the signature.
    annaRow.getCell(col("Frequenza %")).value = 93.3;
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await verifyXlsxExport(edited)).ok).toBe(false);
  });

  it("access log CSV and XLSX, for one course or all", async () => {
    const csv = await bytes(sessionsExport(t, { funding: NO_FUNDING, filter: { scope, courseSlug: FIXTURE_COURSE }, filters: { course: FIXTURE_COURSE }, format: "csv", actor, now, contentRoot: FIXTURE_ROOT }).body);
    expect(verifyCsvExport(csv, String((await exportEvents()).at(-1)!.data.sha256), REGISTER_PLANS.length)).toMatchObject({ ok: true, rows: REGISTER_PLANS.length });
    const rows = csvRows(csv.subarray(3).toString("utf8").replace(/\r\n$/, ""), ";");
    expect(rows[0]).toEqual(SESSION_COLUMNS.map((c) => c.header));
    const anna = rows.find((r) => r[3] === "formato-1@example.com")!;
    const h = (name: string) => rows[0]!.indexOf(name);
    expect(anna[h("Login")]).toBe("02/03/2026 09:00:00");
    expect(anna[h("Tipo di uscita")]).toBe("uscita (logout)");
    expect(anna[h("Tempo attivo (h:mm:ss)")]).toBe("0:11:00");
    expect(anna[h("Lezioni aperte")]).toBe("01 Primi passi | 02 Secondo sguardo");
    expect(anna[h("Tempo attivo per lezione")]).toBe("01 Primi passi: 0:11:00");
    expect(anna[h("Test finale")]).toMatch(/^tentativo 1 \(\d{2}:\d{2}:\d{2}\): 100% superato$/);

    const xlsx = await bytes(sessionsExport(t, { funding: NO_FUNDING, filter: { scope }, filters: {}, format: "xlsx", actor, now, contentRoot: FIXTURE_ROOT }).body);
    expect(await verifyXlsxExport(xlsx)).toMatchObject({ ok: true, rows: REGISTER_PLANS.length });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe("Accessi");
    expect(sheet.getRow(2).getCell(SESSION_COLUMNS.findIndex((c) => c.header === "Login") + 1).value).toBeInstanceOf(Date);
    expect((await exportEvents()).at(-1)).toMatchObject({ subject: "report:sessions:all", data: { format: "xlsx", complete: true } });
  });

  it("streams from its own read-only snapshot: heartbeats keep being written meanwhile; cancel is recorded", async () => {
    const learner = learners.find((l) => l.key === "corso-opened")!;
    const before = (await t.get<{ active_seconds: number }>("SELECT active_seconds FROM lesson_progress WHERE user_id = ? AND lesson_slug = 'first-steps'", [learner.id]))!.active_seconds;
    const stream = registerExport(t, { course, query: { scope }, filters: {}, format: "csv", actor, now, batchSize: 3 }).body;
    const reader = stream.getReader();
    await reader.read(); // BOM
    await reader.read(); // header
    expect(new TextDecoder().decode((await reader.read()).value).split("\r\n")).toHaveLength(4); // 3 rows: the cursor is open now
    const base = Date.now();
    await startLearnerClock(t, learner.id, base);
    expect(await recordHeartbeat(t, { userId: learner.id, sessionId: null, courseSlug: FIXTURE_COURSE, lessonSlug: "first-steps", nowMs: base + 30_000 })).toEqual({ ok: true, creditedSeconds: 30 });
    const after = (await t.get<{ active_seconds: number }>("SELECT active_seconds FROM lesson_progress WHERE user_id = ? AND lesson_slug = 'first-steps'", [learner.id]))!.active_seconds;
    expect(after).toBe(before + 30);
    await reader.cancel("user went away");
    expect((await exportEvents()).at(-1)!.data).toMatchObject({ complete: false, sha256: null, reason: "user went away" });
    expect((await verifyAuditChain(t)).ok).toBe(true);
  });
});

import ExcelJS from "exceljs";
import { describe, expect, it, vi } from "vitest";
import { canonicalCellText, canonicalLine, excelSeconds } from "./canonical";
import type { ExportColumn } from "./columns";
import { verifyXlsxExport } from "./verify";
import { SUMMARY_SHEET, xlsxCell, xlsxExportStream } from "./xlsx";

type Row = { name: string; seconds: number; when: Date | null; pct: number | null };
const COLUMNS: ExportColumn<Row>[] = [
  { header: "Nome", kind: "text", width: 20, value: (r) => r.name },
  { header: "Ore", kind: "duration-minutes", width: 8, value: (r) => r.seconds },
  { header: "Quando", kind: "datetime", width: 20, value: (r) => r.when },
  { header: "Frequenza %", kind: "percent", width: 8, value: (r) => r.pct },
];
const META = { title: "Registro", generatedAt: new Date("2026-05-04T08:00:00Z"), filter: "course=x" };

describe("canonical text of a sheet", () => {
  it("escapes text, keeps the shortest number, counts dates and durations in seconds", () => {
    expect(canonicalCellText({ type: "text", value: "a\tb\\c\r\nd\re" })).toBe("a\\tb\\\\c\\nd\\ne");
    expect(canonicalCellText({ type: "number", value: 0.18 })).toBe("0.18");
    expect(canonicalCellText({ type: "number", value: 2 })).toBe("2");
    expect(canonicalCellText({ type: "seconds", value: 659.9999999 })).toBe("660");
    expect(canonicalCellText({ type: "empty" })).toBe("");
    expect(excelSeconds(new Date(Date.UTC(1899, 11, 31)))).toBe(86_400);
    expect(canonicalLine([{ type: "text", value: "a" }, { type: "empty" }])).toBe("a\t\n");
  });

  it("a cell's value and its canonical form agree", () => {
    const row: Row = { name: "=1+1", seconds: 3725, when: new Date("2026-07-15T08:05:09Z"), pct: null };
    expect(xlsxCell(COLUMNS[0]!, row)).toEqual({ value: "=1+1", canonical: { type: "text", value: "=1+1" } });
    expect(xlsxCell(COLUMNS[1]!, row)).toEqual({ value: 62 / 1440, canonical: { type: "seconds", value: (62 / 1440) * 86_400 } });
    const when = xlsxCell(COLUMNS[2]!, row);
    expect((when.value as Date).toISOString()).toBe("2026-07-15T10:05:09.000Z");
    expect(xlsxCell(COLUMNS[3]!, row)).toEqual({ value: null, canonical: { type: "empty" } });
  });
});

describe("XLSX export stream", () => {
  it("writes typed cells and a summary sheet whose hash a reader recomputes", async () => {
    const rows: Row[] = [
      { name: "Àlvarez; \"Zeta\"", seconds: 660, when: new Date("2026-03-02T08:01:00Z"), pct: 73.3 },
      { name: "Riga\nDue", seconds: 0, when: null, pct: 0 },
    ];
    let closed = false;
    const onFinish = vi.fn();
    const stream = xlsxExportStream(COLUMNS, () => ({ rows: rows[Symbol.iterator](), close: () => (closed = true) }), { meta: META, onFinish });
    const buf = Buffer.from(await new Response(stream).arrayBuffer());
    expect(closed).toBe(true);
    const check = await verifyXlsxExport(buf);
    expect(check).toMatchObject({ ok: true, rows: 2 });
    expect(onFinish).toHaveBeenCalledWith({ rows: 2, sha256: check.computed });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Registro", SUMMARY_SHEET]);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getCell("A2").value).toBe('Àlvarez; "Zeta"');
    expect(sheet.getCell("B2").numFmt).toBe("[h]:mm");
    expect(sheet.getCell("C2").value).toEqual(new Date("2026-03-02T09:01:00.000Z"));
    expect(sheet.getCell("D2").value).toBe(73.3);
    expect(sheet.getCell("C3").value).toBeNull();
    expect(sheet.autoFilter).toBe("A1:D3");
  });
});

import { createHash } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { stringify } from "csv-stringify/sync";
import type { ExportColumn, ExportSummary, RowSource } from "./columns";
import { filterString } from "./columns";
import { csvCell, csvExportStream, csvHeader, csvOptions, csvRecords, type CsvSeparator } from "./csv";
import { verifyCsvExport } from "./verify";

type Row = { name: string; hours: number; seconds: number; when: Date | null; n: number };
const COLUMNS: ExportColumn<Row>[] = [
  { header: "Nome", kind: "text", width: 10, value: (r) => r.name },
  { header: "Ore", kind: "decimal", width: 5, value: (r) => r.hours },
  { header: "Durata", kind: "duration-minutes", width: 5, value: (r) => r.seconds },
  { header: "Quando", kind: "datetime", width: 5, value: (r) => r.when },
  { header: "Tentativi", kind: "integer", width: 5, value: (r) => r.n },
];
const row = (name: string, over: Partial<Row> = {}): Row => ({ name, hours: 1.5, seconds: 3725, when: new Date("2026-07-15T08:05:09Z"), n: 2, ...over });
const cell = (name: string, sep: CsvSeparator = ";") => csvRecords(COLUMNS.slice(0, 1), [row(name)], sep).replace(/\r\n$/, "");

function source(rows: Row[]): RowSource<Row> & { closed: boolean } {
  const s = { rows: rows[Symbol.iterator](), closed: false, close: () => (s.closed = true) };
  return s;
}

async function run(rows: Row[], separator: CsvSeparator = ";", batchSize?: number) {
  const src = source(rows);
  const onFinish = vi.fn<(s: ExportSummary) => void>();
  const stream = csvExportStream(COLUMNS, () => src, { separator, onFinish, batchSize });
  const buf = Buffer.from(await new Response(stream).arrayBuffer());
  return { buf, src, onFinish };
}

describe("csvRecords matches csv-stringify", () => {
  // Text that exercises every rule: quotes, both separators, CR/LF, formula starts (ASCII and full-width), BOM, RTL, NUL, emoji.
  const tricky = fc.string({ unit: fc.constantFrom("a", " ", '"', ";", ",", "\r", "\n", "=", "+", "-", "@", "\t", "\uFF1D", "\uFF0D", "\uFEFF", "\u202E", "\u0000", "😀", "à", "'"), maxLength: 12 });
  const rowArb = fc.record({
    name: fc.oneof(tricky, fc.string()),
    hours: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.integer({ min: -5, max: 5 })),
    seconds: fc.integer({ min: 0, max: 10_000_000 }),
    when: fc.option(fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }), { nil: null }),
    n: fc.integer({ min: -1000, max: 1000 }),
  });

  it("on random rows, for both separators, with and without the BOM", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 8 }), fc.constantFrom<CsvSeparator>(";", ","), fc.boolean(), (rows, sep, first) => {
        const records = rows.map((r) => COLUMNS.map((c) => csvCell(c, r, sep)));
        const expected = records.length ? stringify(records, csvOptions(sep, first)) : "";
        expect(csvRecords(COLUMNS, rows, sep, first)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("CSV cells", () => {
  it("escapes formula starts so spreadsheets show text (=, +, -, @, TAB, CR)", () => {
    expect(cell("=1+1")).toBe("'=1+1");
    expect(cell("=HYPERLINK(\"http://x\";\"y\")")).toBe('"\'=HYPERLINK(""http://x"";""y"")"');
    expect(cell("+39 333 1234567")).toBe("'+39 333 1234567");
    expect(cell("-2+3")).toBe("'-2+3");
    expect(cell("-")).toBe("'-");
    expect(cell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(cell("\tTab")).toBe("'\tTab");
    expect(cell("\rRitorno")).toBe("\"'\rRitorno\"");
    expect(cell("＝1+1")).toBe("'＝1+1"); // full-width =
    expect(cell("Rossi")).toBe("Rossi");
    expect(cell("a=b")).toBe("a=b");
  });

  it("quotes separators, quotes and line breaks", () => {
    expect(cell('Àlvarez; "Zeta"')).toBe('"Àlvarez; ""Zeta"""');
    expect(cell("Àlvarez, Zeta", ";")).toBe("Àlvarez, Zeta");
    expect(cell("Àlvarez, Zeta", ",")).toBe('"Àlvarez, Zeta"');
    expect(cell("Riga\nDue")).toBe('"Riga\nDue"');
    expect(cell("Riga\r\nDue")).toBe('"Riga\r\nDue"');
  });

  it("keeps Italian letters and apostrophes as they are (UTF-8)", () => {
    for (const name of ["àèéìòù ÀÈÉÌÒÙ", "D'Alò", "L’Aquila", "Perché così"]) expect(cell(name)).toBe(name);
  });

  it("numbers: decimal comma with ;, point with ,; durations h:mm; dates in Rome to the second", () => {
    expect(csvRecords(COLUMNS, [row("A")], ";")).toBe("A;1,50;1:02;15/07/2026 10:05:09;2\r\n");
    expect(csvRecords(COLUMNS, [row("A")], ",")).toBe("A,1.50,1:02,15/07/2026 10:05:09,2\r\n");
    expect(csvRecords(COLUMNS, [row("A", { when: null, hours: 0.18 })], ";")).toBe("A;0,18;1:02;;2\r\n");
    expect(csvHeader(COLUMNS, ";", true)).toBe("\uFEFFNome;Ore;Durata;Quando;Tentativi\r\n");
  });
});

describe("CSV export stream", () => {
  const rows = [row("Anna"), row("=1+1"), row('Àlvarez; "Zeta"'), row("Riga\nDue", { hours: 0.25 })];

  it("is the table only: BOM, header, one line per row; the whole file's hash is what the export reports", async () => {
    const { buf, src, onFinish } = await run(rows, ";", 2);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString("utf8");
    expect(text).not.toMatch(/^#/m);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.slice(1).startsWith("Nome;Ore;Durata;Quando;Tentativi\r\n")).toBe(true);
    // Five records (header + 4) although one cell holds a line break: it is quoted.
    expect(text).toContain('"Riga\nDue"');
    const sha = createHash("sha256").update(buf).digest("hex");
    expect(onFinish).toHaveBeenCalledWith({ rows: 4, sha256: sha });
    expect(verifyCsvExport(buf, sha, 4)).toEqual({ ok: true, rows: 4, declared: sha, computed: sha });
    expect(src.closed).toBe(true);
  });

  it("the comma variant hashes its own bytes", async () => {
    const { buf, onFinish } = await run(rows, ",");
    expect(buf.toString("utf8")).toContain("Anna,1.50,1:02,15/07/2026 10:05:09,2\r\n");
    const { sha256 } = onFinish.mock.calls[0]![0];
    expect(verifyCsvExport(buf, sha256, 4).ok).toBe(true);
  });

  it("an empty export still has the header, and its hash", async () => {
    const { buf, onFinish } = await run([]);
    expect(buf.toString("utf8")).toBe("\uFEFFNome;Ore;Durata;Quando;Tentativi\r\n");
    expect(onFinish).toHaveBeenCalledWith({ rows: 0, sha256: createHash("sha256").update(buf).digest("hex") });
  });

  it("any edit to the file fails the check: a changed cell, a removed row, an added byte", async () => {
    const { buf, onFinish } = await run([row("Anna"), row("Bruno")]);
    const { sha256 } = onFinish.mock.calls[0]![0];
    const text = buf.toString("utf8");
    expect(verifyCsvExport(Buffer.from(text.replace("Bruno", "Bruna")), sha256, 2).ok).toBe(false);
    expect(verifyCsvExport(Buffer.from(text.split("\r\n").slice(0, 2).join("\r\n") + "\r\n"), sha256, 2).ok).toBe(false);
    expect(verifyCsvExport(Buffer.concat([buf, Buffer.from(" ")]), sha256, 2).ok).toBe(false);
    expect(verifyCsvExport(buf, sha256, 2).ok).toBe(true);
  });

  it("cancelling closes the row source and reports the abort", async () => {
    const src = source(Array.from({ length: 50 }, (_, i) => row(`N${i}`)));
    const onAbort = vi.fn();
    const stream = csvExportStream(COLUMNS, () => src, { separator: ";", onAbort, batchSize: 5 });
    const reader = stream.getReader();
    await reader.read();
    await reader.read();
    await reader.read();
    await reader.cancel("gone");
    expect(src.closed).toBe(true);
    // BOM, header, one batch consumed; the stream reads at most four chunks ahead (highWaterMark), never to the end.
    expect(onAbort).toHaveBeenCalledTimes(1);
    const [summary, reason] = onAbort.mock.calls[0]! as [ExportSummary, unknown];
    expect(reason).toBe("gone");
    expect(summary.sha256).toBe("");
    expect(summary.rows).toBeGreaterThanOrEqual(5);
    expect(summary.rows).toBeLessThanOrEqual(5 * 5);
  });

  it("filters print as a stable query string", () => {
    expect(filterString({ status: "formato", course: "c", q: "", department: undefined, page: 2 })).toBe("course=c&page=2&status=formato");
  });
});

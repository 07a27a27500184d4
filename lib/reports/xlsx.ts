import { createHash } from "node:crypto";
import { once } from "node:events";
import type { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { canonicalLine, excelSeconds, type CanonicalCell } from "./canonical";
import type { CellKind, ExportCallbacks, ExportColumn, ExportMeta, ExportSummary, RowSource } from "./columns";
import { dayFractionMinutes, dayFractionSeconds, romeAsUtc } from "./format";
import { backgroundStream } from "@/lib/streams/web-stream";

/**
 * XLSX exports, streamed with exceljs's `WorkbookWriter` into a PassThrough turned into a web
 * stream. The first sheet holds the data with typed cells (dates as dates in Rome's wall
 * clock, durations as `[h]:mm` durations, numbers as numbers), a frozen header row, column
 * widths and an autofilter over every row. The second sheet, "Riepilogo", is the signed
 * summary: generation time, filters, row count and the SHA-256 of the data sheet's canonical
 * text (see `./canonical`; `verifyXlsxExport` in `./verify` recomputes it).
 */

export const SUMMARY_SHEET = "Riepilogo";

const NUMBER_FORMATS: Record<CellKind, string | undefined> = {
  text: undefined,
  integer: "0",
  decimal: "0.00",
  percent: "0.0",
  "duration-minutes": "[h]:mm",
  "duration-seconds": "[h]:mm:ss",
  datetime: "dd/mm/yyyy hh:mm:ss",
};

type XlsxValue = string | number | Date | null;

/** One cell's XLSX value and its canonical form for the signature. */
export function xlsxCell<T>(column: ExportColumn<T>, row: T): { value: XlsxValue; canonical: CanonicalCell } {
  const v = column.value(row);
  if (v === null || v === "") return { value: null, canonical: { type: "empty" } };
  if (v instanceof Date) {
    const wall = romeAsUtc(v);
    return { value: wall, canonical: { type: "seconds", value: excelSeconds(wall) } };
  }
  if (typeof v === "number") {
    if (column.kind === "duration-minutes" || column.kind === "duration-seconds") {
      const fraction = column.kind === "duration-minutes" ? dayFractionMinutes(v) : dayFractionSeconds(v);
      return { value: fraction, canonical: { type: "seconds", value: fraction * 86_400 } };
    }
    return { value: v, canonical: { type: "number", value: v } };
  }
  return { value: v, canonical: { type: "text", value: v } };
}

function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const ROWS_PER_TICK = 200;

/**
 * Streams rows from `source` as an XLSX workbook. The writer yields to the event loop every
 * few hundred rows and waits while the consumer is behind, so a slow download does not pile
 * the workbook up in memory.
 */
export function xlsxExportStream<T>(
  columns: readonly ExportColumn<T>[],
  openSource: () => RowSource<T>,
  opts: { meta: ExportMeta } & ExportCallbacks,
): ReadableStream<Uint8Array> {
  return backgroundStream("the XLSX export", (pass, isClosed) => write(columns, openSource, opts, pass, isClosed));
}

async function write<T>(
  columns: readonly ExportColumn<T>[],
  openSource: () => RowSource<T>,
  opts: { meta: ExportMeta } & ExportCallbacks,
  pass: PassThrough,
  isClosed: () => boolean,
): Promise<void> {
  const hash = createHash("sha256");
  let rows = 0;
  let source: RowSource<T> | null = null;
  try {
    source = openSource();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: pass, useStyles: true, useSharedStrings: false });
    workbook.creator = "Binomio";
    workbook.created = opts.meta.generatedAt;
    const sheet = workbook.addWorksheet(opts.meta.title, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = columns.map((c, i) => ({ key: String(i), width: c.width, style: NUMBER_FORMATS[c.kind] ? { numFmt: NUMBER_FORMATS[c.kind] } : {} }));
    const header = sheet.addRow(columns.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    hash.update(canonicalLine(columns.map((c) => ({ type: "text", value: c.header }))));

    for (let next = await source.rows.next(); !next.done; next = await source.rows.next()) {
      const cells = columns.map((c) => xlsxCell(c, next.value));
      sheet.addRow(cells.map((c) => c.value)).commit();
      hash.update(canonicalLine(cells.map((c) => c.canonical)));
      rows++;
      if (rows % ROWS_PER_TICK === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        while (pass.writableNeedDrain && !isClosed()) await Promise.race([once(pass, "drain"), once(pass, "close")]);
        if (isClosed()) throw new Error("export cancelled by the client");
      }
    }
    source.close();
    source = null;
    sheet.autoFilter = { from: "A1", to: `${columnLetter(columns.length)}${rows + 1}` };
    sheet.commit();

    const summary: ExportSummary = { rows, sha256: hash.digest("hex") };
    const info = workbook.addWorksheet(SUMMARY_SHEET);
    info.columns = [
      { key: "k", width: 22 },
      { key: "v", width: 70 },
    ];
    const infoRows: [string, string | number | Date][] = [
      ["Documento", opts.meta.title],
      ["Generato il", romeAsUtc(opts.meta.generatedAt)],
      ["Generato il (UTC)", opts.meta.generatedAt.toISOString()],
      ["Filtri", opts.meta.filter],
      ["Righe", rows],
      ["SHA-256", summary.sha256],
      [
        "Algoritmo",
        `SHA-256 del testo canonico del foglio "${opts.meta.title}" (intestazione compresa): celle separate da TAB, righe terminate da LF, ` +
          "testo con gli a capo CR e CR LF letti come LF e poi \\ TAB LF scritti \\\\ \\t \\n, numeri nella forma decimale più breve, date e durate in secondi interi dal 30/12/1899.",
      ],
    ];
    for (const [k, v] of infoRows) {
      const r = info.addRow([k, v]);
      r.getCell(1).font = { bold: true };
      if (v instanceof Date) r.getCell(2).numFmt = "dd/mm/yyyy hh:mm:ss";
      r.commit();
    }
    info.commit();
    // Recorded before the file is complete: a download the client finished is always in the audit trail.
    await opts.onFinish?.(summary);
    await workbook.commit();
  } catch (e) {
    source?.close();
    opts.onAbort?.({ rows, sha256: "" }, e);
    if (!isClosed()) pass.destroy(e instanceof Error ? e : new Error(String(e)));
  }
}


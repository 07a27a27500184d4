import { createHash } from "node:crypto";
import { stringify, type Options } from "csv-stringify/sync";
import type { CellValue, ExportCallbacks, ExportColumn, RowSource } from "./columns";
import { formatDecimal, formatHoursMinutes, formatHoursMinutesSeconds, formatRomeDateTime } from "./format";

/**
 * CSV exports, streamed.
 *
 * The file is the table and nothing else: a UTF-8 BOM (so Excel reads the accents), the header
 * row, one row per record — no summary rows a spreadsheet would show as junk. Its integrity
 * evidence is the SHA-256 of the whole file, as downloaded, recorded with the row count and
 * the filters in the `admin.export` audit event (hash-chained): `sha256sum registro.csv` must
 * print the same hash, or `verifyCsvExport` in `./verify`. A changed cell, a removed or added
 * row changes it.
 *
 * Separator `;` (Italian Excel) uses the decimal comma; `,` uses the decimal point. Rows end
 * with CRLF (RFC 4180). Cells starting with `=`, `+`, `-`, `@`, TAB or CR are prefixed with
 * `'` (csv-stringify `escape_formulas`), so a name like `=HYPERLINK(…)` is shown, not run.
 */

export type CsvSeparator = ";" | ",";

const BATCH = 1000;
const encoder = new TextEncoder();

/** The csv-stringify options for a separator (also used by tests). */
export function csvOptions(separator: CsvSeparator, first: boolean): Options {
  const decimal = separator === ";" ? "," : ".";
  return {
    delimiter: separator,
    record_delimiter: "windows",
    // With an explicit record delimiter csv-stringify quotes only cells holding "\r\n": a lone
    // LF or CR must be quoted too, or spreadsheets split the row.
    quote_record_delimiter: true,
    escape_formulas: true,
    bom: first,
    cast: {
      date: (d: Date) => formatRomeDateTime(d),
      number: (n: number) => formatDecimal(n, decimal),
    },
  };
}

/**
 * One cell before casting: durations become `h:mm`, decimals get a fixed number of places in
 * the file's decimal style; dates and integers are cast by `csvField` (and by `csvOptions`'s
 * `cast`, its reference in the tests).
 */
export function csvCell<T>(column: ExportColumn<T>, row: T, separator: CsvSeparator): CellValue {
  const v = column.value(row);
  if (v === null) return null;
  if (typeof v !== "number") return v;
  const decimal = separator === ";" ? "," : ".";
  switch (column.kind) {
    case "duration-minutes":
      return formatHoursMinutes(v);
    case "duration-seconds":
      return formatHoursMinutesSeconds(v);
    case "decimal":
      return v.toFixed(2).replace(".", decimal);
    case "percent":
      return v.toFixed(1).replace(".", decimal);
    default:
      return v;
  }
}

/** The header row as CSV text; with `bom`, preceded by the UTF-8 BOM. */
export function csvHeader<T>(columns: readonly ExportColumn<T>[], separator: CsvSeparator, bom: boolean): string {
  return stringify([columns.map((c) => c.header)], csvOptions(separator, bom));
}

/**
 * The given rows as CSV text (no header): exactly what csv-stringify writes with
 * `csvOptions(separator)` — the unit tests compare the two on random and hostile cells — but
 * in one pass per cell. csv-stringify's generic per-field work was as long as the register's
 * SQL query itself, and the register must stream at close to the query's speed.
 */
export function csvRecords<T>(columns: readonly ExportColumn<T>[], rows: readonly T[], separator: CsvSeparator, first = false): string {
  if (rows.length === 0) return "";
  const decimal = separator === ";" ? "," : ".";
  let out = first ? "\uFEFF" : "";
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      if (i > 0) out += separator;
      out += csvField(csvCell(columns[i]!, row, separator), separator, decimal);
    }
    out += "\r\n";
  }
  return out;
}

/** Characters that make a spreadsheet read a cell as a formula (csv-stringify's `escape_formulas` list). */
const FORMULA_STARTS = new Set(["=", "+", "-", "@", "\t", "\r", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]);

/** One cell: cast like `csvOptions` does, `'` before a formula start, quoted when it holds `"`, the separator, CR or LF. */
export function csvField(cell: CellValue, separator: CsvSeparator, decimal: "," | "."): string {
  if (cell === null) return "";
  const isNumber = typeof cell === "number";
  let value = typeof cell === "string" ? cell : isNumber ? formatDecimal(cell, decimal) : formatRomeDateTime(cell);
  if (value === "") return "";
  const quote = value.includes('"') || value.includes(separator) || value.includes("\n") || value.includes("\r");
  // A negative number stays a number; any other text starting like a formula is shown as text.
  if (FORMULA_STARTS.has(value[0]!) && !(isNumber && value[0] === "-")) value = `'${value}`;
  if (!quote) return value;
  return `"${value.replaceAll('"', '""')}"`;
}


/**
 * Streams rows from `source` as CSV. Rows are pulled in small batches only when the consumer
 * asks for more (so memory stays flat and a slow client holds nothing but a read cursor);
 * `source` is closed at the end or on cancel.
 */
export function csvExportStream<T>(
  columns: readonly ExportColumn<T>[],
  openSource: () => RowSource<T>,
  opts: { separator: CsvSeparator; /** Rows per pull (default 1000). */ batchSize?: number } & ExportCallbacks,
): ReadableStream<Uint8Array> {
  const batchSize = opts.batchSize ?? BATCH;
  const hash = createHash("sha256");
  let rows = 0;
  let source: RowSource<T> | null = null;
  let done = false;

  const emit = (controller: ReadableStreamDefaultController<Uint8Array>, text: string) => {
    const bytes = encoder.encode(text);
    hash.update(bytes);
    controller.enqueue(bytes);
  };
  const finish = () => {
    done = true;
    source?.close();
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        source = openSource();
        emit(controller, csvHeader(columns, opts.separator, true));
      },
      async pull(controller) {
        if (done || !source) return;
        try {
          // One batch per turn of the event loop: the stream pulls again as soon as a batch is
          // queued, and rows already fetched resolve as microtasks, so without this a 30,000-row
          // register was formatted in one go while every other request waited (~340 ms).
          await new Promise((resolve) => setImmediate(resolve));
          if (done) return;
          const batch: T[] = [];
          let next = await source.rows.next();
          while (!next.done) {
            batch.push(next.value);
            if (batch.length >= batchSize) break;
            next = await source.rows.next();
          }
          // Cancelled while the rows were being read.
          if (done) return;
          if (batch.length) {
            rows += batch.length;
            emit(controller, csvRecords(columns, batch, opts.separator));
          }
          if (next.done) {
            const summary = { rows, sha256: hash.digest("hex") };
            finish();
            // Recorded before the file is complete: a download the client finished is always in the audit trail.
            await opts.onFinish?.(summary);
            controller.close();
          }
        } catch (e) {
          finish();
          opts.onAbort?.({ rows, sha256: "" }, e);
          controller.error(e);
        }
      },
      cancel(reason) {
        if (done) return;
        finish();
        opts.onAbort?.({ rows, sha256: "" }, reason);
      },
    },
    // A few batches ahead, so the next rows are produced while the socket drains (memory stays bounded).
    { highWaterMark: 4 },
  );
}

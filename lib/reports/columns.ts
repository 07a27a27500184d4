/**
 * Export columns (pure): one definition drives the CSV and the XLSX writers, so both files
 * always carry the same columns in the same order.
 */

/**
 * - `text`: a string as is.
 * - `integer`, `decimal` (2 decimals), `percent` (a number like 73.5, one decimal).
 * - `duration-minutes` / `duration-seconds`: a number of SECONDS, written `h:mm` / `h:mm:ss`
 *   in CSV and as a spreadsheet duration (fraction of a day, `[h]:mm` / `[h]:mm:ss`) in XLSX.
 * - `datetime`: a Date, written in Europe/Rome.
 */
export type CellKind = "text" | "integer" | "decimal" | "percent" | "duration-minutes" | "duration-seconds" | "datetime";

export type CellValue = string | number | Date | null;

export type ExportColumn<T> = {
  header: string;
  kind: CellKind;
  /** Column width in characters (XLSX). */
  width: number;
  value: (row: T) => CellValue;
};

/** What both writers print in their signed summary. */
export type ExportMeta = {
  /** Sheet name / document title, e.g. "Registro". */
  title: string;
  generatedAt: Date;
  /** The filters applied, as a query string (`course=…&status=…`). */
  filter: string;
};

export type ExportSummary = {
  rows: number;
  /** Hex SHA-256 of the signed data (see the writers for what exactly is hashed). */
  sha256: string;
};

/** Where rows come from: opened when streaming starts, closed when it ends or is cancelled. */
/** Rows to write: a cursor on the server's thread (tests) or a batched one on the read worker (db/read-worker.ts). */
export type RowSource<T> = { rows: Iterator<T> | AsyncIterator<T>; close: () => void };

export type ExportCallbacks = {
  /** Once the whole file is produced, before its end reaches the client (awaited: the export's audit event). */
  onFinish?: (summary: ExportSummary) => void | Promise<void>;
  /** When the consumer cancelled (or the writer failed) midway. */
  onAbort?: (summary: ExportSummary, reason: unknown) => void;
};

/** Filters as a stable query string: keys sorted, empty values left out. */
export function filterString(filters: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(filters).sort()) {
    const v = filters[key];
    if (v !== undefined && v !== null && v !== "") params.set(key, String(v));
  }
  return params.toString();
}

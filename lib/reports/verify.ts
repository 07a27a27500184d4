import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import { canonicalLine, excelSeconds, type CanonicalCell } from "./canonical";
import { SUMMARY_SHEET } from "./xlsx";

/**
 * Recomputes the signature of an exported register and compares it with the one recorded for
 * it: what an inspector (or an admin re-checking an archived file) runs to show the data was
 * not edited after the export.
 */
export type ExportCheck = { ok: boolean; rows: number; declared: string | null; computed: string };

/**
 * CSV: the SHA-256 of the whole file must equal the one the `admin.export` audit event
 * recorded for it (`declared`). The CSV carries no summary of its own: it is only the table.
 */
export function verifyCsvExport(file: Uint8Array, declared: string, rows: number): ExportCheck {
  const computed = createHash("sha256").update(file).digest("hex");
  return { ok: computed === declared, rows, declared, computed };
}

function cellCanonical(value: ExcelJS.CellValue): CanonicalCell {
  if (value === null || value === undefined || value === "") return { type: "empty" };
  if (value instanceof Date) return { type: "seconds", value: excelSeconds(value) };
  if (typeof value === "number") return { type: "number", value };
  if (typeof value === "string") return { type: "text", value };
  if (typeof value === "object" && "richText" in value) return { type: "text", value: value.richText.map((r) => r.text).join("") };
  return { type: "text", value: String(value) };
}

/** XLSX: the SHA-256 of the first sheet's canonical text must equal the summary sheet's. */
export async function verifyXlsxExport(file: Uint8Array): Promise<ExportCheck> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file) as unknown as ArrayBuffer);
  const data = workbook.worksheets[0];
  const summary = workbook.getWorksheet(SUMMARY_SHEET);
  if (!data || !summary) return { ok: false, rows: 0, declared: null, computed: "" };
  const width = data.getRow(1).cellCount;
  const hash = createHash("sha256");
  let rows = 0;
  for (let r = 1; r <= data.rowCount; r++) {
    const row = data.getRow(r);
    const cells: CanonicalCell[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellCanonical(row.getCell(c).value));
    hash.update(canonicalLine(cells));
    if (r > 1) rows++;
  }
  let declared: string | null = null;
  summary.eachRow((row) => {
    if (row.getCell(1).value === "SHA-256") declared = String(row.getCell(2).value);
  });
  const computed = hash.digest("hex");
  return { ok: declared === computed, rows, declared, computed };
}

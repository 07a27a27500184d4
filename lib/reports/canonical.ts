/**
 * The canonical text of a spreadsheet's data, which the XLSX summary signs (pure).
 *
 * An XLSX file is a zip whose bytes change with the writer's version, so its hash is taken
 * over the VALUES of the data sheet instead:
 *
 * - each row of the first sheet, header included, gives one line: its cells for every
 *   column, joined by TAB, ended by LF; the SHA-256 of the UTF-8 text is the signature;
 * - an empty cell is the empty string;
 * - a text cell is its text with CR LF and lone CR read as LF (XML, inside the file, turns
 *   every line end into LF), then `\` → `\\`, TAB → `\t`, LF → `\n`;
 * - a number cell is the shortest decimal that reads back as the same double (JavaScript's
 *   `String(n)`: 1.5, 2, 0.0125);
 * - a date, time or duration cell is its value in whole SECONDS since Excel's epoch
 *   (1899-12-30 00:00), rounded to the nearest second: a date written as Rome's wall clock
 *   and a duration (fraction of a day) both become an integer.
 */

/** Excel's day zero (1899-12-30) as a Unix time in ms. */
export const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export type CanonicalCell = { type: "empty" } | { type: "text"; value: string } | { type: "number"; value: number } | { type: "seconds"; value: number };

export function canonicalCellText(cell: CanonicalCell): string {
  switch (cell.type) {
    case "empty":
      return "";
    case "text":
      return cell.value.replace(/\r\n?/g, "\n").replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n");
    case "number":
      return String(cell.value);
    case "seconds":
      return String(Math.round(cell.value));
  }
}

/** A spreadsheet date (UTC fields = the wall clock shown) as seconds since Excel's epoch. */
export function excelSeconds(date: Date): number {
  return Math.round((date.getTime() - EXCEL_EPOCH_MS) / 1000);
}

export function canonicalLine(cells: readonly CanonicalCell[]): string {
  return cells.map(canonicalCellText).join("\t") + "\n";
}

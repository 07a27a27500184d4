import "server-only";
import { csvExportStream, type CsvSeparator } from "@/lib/reports/csv";
import type { ExportColumn } from "@/lib/reports/columns";
import { describeFilters } from "@/lib/reports/filter-description";
import { CONTENT_TYPES, type ExportFile, type ExportFormat } from "@/lib/reports/exports";
import { xlsxExportStream } from "@/lib/reports/xlsx";

/**
 * An analytics table as a CSV or XLSX download, through the register's writers (BOM, `;` and
 * decimal comma, formula escaping, signed summary). The rows are aggregates computed in
 * memory, so the source is an array.
 */
export function analyticsExport<T>(input: {
  columns: readonly ExportColumn<T>[];
  rows: readonly T[];
  format: ExportFormat;
  title: string;
  filename: string;
  filters: Record<string, string | undefined>;
  separator?: CsvSeparator;
  now?: Date;
}): ExportFile {
  const meta = { title: input.title, generatedAt: input.now ?? new Date(), filter: describeFilters(input.filters) };
  const open = () => ({ rows: input.rows[Symbol.iterator](), close: () => undefined });
  const body =
    input.format === "csv"
      ? csvExportStream(input.columns, open, { separator: input.separator ?? ";" })
      : xlsxExportStream(input.columns, open, { meta });
  return { body, filename: `${input.filename}.${input.format}`, contentType: CONTENT_TYPES[input.format] };
}

import "server-only";
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { expectedCheckCharacter, validateFiscalCode, type FiscalCodeFailure } from "@/lib/validation/fiscal-code";

/** The columns of the employee file, as an Italian HR office exports them. */
export const IMPORT_COLUMNS = ["cognome", "nome", "email", "codice_fiscale", "reparto", "qualifica", "tipo_contratto"] as const;
const REQUIRED = ["cognome", "nome", "email", "codice_fiscale"] as const;
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;

export type ImportValues = { lastName: string; firstName: string; email: string; fiscalCode: string; department: string | null; qualification: string | null; contractType: string | null };

/** Problem codes the UI translates (`import.problem.<code>`). */
export type RowProblem =
  | { code: "missing"; field: string }
  | { code: "email" }
  | { code: "fiscal-code"; value: string; reason: FiscalCodeFailure; expected: string | null }
  | { code: "formula"; field: string }
  | { code: "too-long"; field: string }
  | { code: "duplicate-email"; line: number }
  | { code: "duplicate-fiscal-code"; line: number }
  | { code: "fiscal-code-taken"; email: string };

export type ParsedRow = { line: number; values: ImportValues; problems: RowProblem[] };

export type FileProblem =
  | { code: "empty" }
  | { code: "too-large" }
  | { code: "too-many-rows"; max: number }
  | { code: "encoding" }
  | { code: "columns"; missing: string[] }
  | { code: "syntax"; line: number };

export type ParsedFile = { ok: true; rows: ParsedRow[]; sha256: string } | { ok: false; problem: FileProblem };

const Email = z.email();
const clean = (v: unknown) => (typeof v === "string" ? v.trim() : "");

/**
 * Parses and checks an employee CSV: `;` or `,` (whichever the header uses), UTF-8 with or
 * without BOM. Every row gets its problems (missing fields, malformed e-mail, invalid codice
 * fiscale, a spreadsheet formula in a cell, duplicates within the file); the file itself can be
 * refused (empty, not UTF-8, wrong columns, too large). Nothing is written here.
 */
export function parseEmployeeCsv(bytes: Uint8Array): ParsedFile {
  if (bytes.byteLength > MAX_IMPORT_BYTES) return { ok: false, problem: { code: "too-large" } };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: { code: "encoding" } };
  }
  text = text.replace(/^\uFEFF/, "");
  if (!text.trim()) return { ok: false, problem: { code: "empty" } };
  const header = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (header.match(/;/g)?.length ?? 0) >= (header.match(/,/g)?.length ?? 0) ? ";" : ",";
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true, trim: false }) as string[][];
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 0;
    return { ok: false, problem: { code: "syntax", line } };
  }
  const [head, ...body] = records;
  if (!head || body.length === 0) return { ok: false, problem: { code: "empty" } };
  if (body.length > MAX_IMPORT_ROWS) return { ok: false, problem: { code: "too-many-rows", max: MAX_IMPORT_ROWS } };
  const index = new Map(head.map((h, i) => [h.trim().toLowerCase().replace(/\s+/g, "_"), i]));
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length) return { ok: false, problem: { code: "columns", missing } };

  const byEmail = new Map<string, number>();
  const byCf = new Map<string, number>();
  const rows = body.map((record, i): ParsedRow => {
    const line = i + 2;
    const get = (c: (typeof IMPORT_COLUMNS)[number]) => clean(index.has(c) ? record[index.get(c)!] : "");
    const problems: RowProblem[] = [];
    for (const c of IMPORT_COLUMNS) {
      const v = get(c);
      if (/^[=+\-@\t\r]/.test(v)) problems.push({ code: "formula", field: c });
      if (v.length > 200) problems.push({ code: "too-long", field: c });
    }
    for (const c of REQUIRED) if (!get(c)) problems.push({ code: "missing", field: c });
    const email = get("email").toLowerCase();
    if (email && !Email.safeParse(email).success) problems.push({ code: "email" });
    const cf = validateFiscalCode(get("codice_fiscale"));
    if (get("codice_fiscale") && !cf.ok) {
      const expected = cf.reason === "checksum" ? expectedCheckCharacter(get("codice_fiscale")) : null;
      problems.push({ code: "fiscal-code", value: get("codice_fiscale").slice(0, 40), reason: cf.reason, expected });
    }
    const fiscalCode = cf.ok ? cf.value : get("codice_fiscale").toUpperCase();
    if (email) {
      const first = byEmail.get(email);
      if (first) problems.push({ code: "duplicate-email", line: first });
      else byEmail.set(email, line);
    }
    if (cf.ok) {
      const first = byCf.get(fiscalCode);
      if (first) problems.push({ code: "duplicate-fiscal-code", line: first });
      else byCf.set(fiscalCode, line);
    }
    const opt = (c: (typeof IMPORT_COLUMNS)[number]) => get(c) || null;
    return {
      line,
      problems,
      values: { lastName: get("cognome"), firstName: get("nome"), email, fiscalCode, department: opt("reparto"), qualification: opt("qualifica"), contractType: opt("tipo_contratto") },
    };
  });
  return { ok: true, rows, sha256: createHash("sha256").update(bytes).digest("hex") };
}

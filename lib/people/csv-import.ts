import "server-only";
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import { IMPORT_FILE_LIMIT } from "@/lib/runtime/front-door.mjs";
import { z } from "zod";
import { expectedCheckCharacter, validateFiscalCode, type FiscalCodeFailure } from "@/lib/validation/fiscal-code";

/**
 * The columns of the employee file, as an Italian HR office exports them. `azienda` (optional:
 * the company's name or CF/P.IVA) routes each row to a client company — for provider admins;
 * a company admin's rows must name their own company or leave it out.
 */
export const IMPORT_COLUMNS = ["cognome", "nome", "email", "codice_fiscale", "reparto", "qualifica", "tipo_contratto", "azienda"] as const;
const REQUIRED = ["cognome", "nome", "email", "codice_fiscale"] as const;
/** The largest file accepted (the front door holds the request to it plus the multipart envelope). */
export const MAX_IMPORT_BYTES = IMPORT_FILE_LIMIT;
export const MAX_IMPORT_ROWS = 20_000;
/** An employee record is seven short cells: a line longer than this, or with more cells, is not one. */
export const MAX_LINE_BYTES = 4096;
export const MAX_CELLS_PER_LINE = 64;

export type ImportValues = {
  lastName: string;
  firstName: string;
  email: string;
  fiscalCode: string;
  department: string | null;
  qualification: string | null;
  contractType: string | null;
  /** The `azienda` cell as written (name or tax code), or null. */
  company: string | null;
};

/** Problem codes the UI translates (`import.problem.<code>`). */
export type RowProblem =
  | { code: "missing"; field: string }
  | { code: "email" }
  | { code: "fiscal-code"; value: string; reason: FiscalCodeFailure; expected: string | null }
  | { code: "formula"; field: string }
  | { code: "too-long"; field: string }
  | { code: "duplicate-email"; line: number }
  | { code: "duplicate-fiscal-code"; line: number }
  | { code: "fiscal-code-taken"; email: string }
  /** The fiscal code belongs to someone the importer cannot see (another company): nobody is named. */
  | { code: "fiscal-code-taken-elsewhere" }
  /** The e-mail belongs to a person of another company (or the row names one the importer may not import into). */
  | { code: "email-elsewhere" }
  | { code: "company-unknown"; value: string }
  | { code: "company-not-allowed" };

export type ParsedRow = { line: number; values: ImportValues; problems: RowProblem[] };

export type FileProblem =
  | { code: "empty" }
  | { code: "too-large" }
  | { code: "too-many-rows"; max: number }
  /** A line longer than {@link MAX_LINE_BYTES} or with more than {@link MAX_CELLS_PER_LINE} cells. */
  | { code: "too-wide"; line: number }
  | { code: "encoding" }
  | { code: "columns"; missing: string[] }
  | { code: "syntax"; line: number };

export type ParsedFile = { ok: true; rows: ParsedRow[]; sha256: string } | { ok: false; problem: FileProblem };

const Email = z.email();
const clean = (v: unknown) => (typeof v === "string" ? v.trim() : "");

const NEWLINE = 0x0a;
const SEMICOLON = 0x3b;
const COMMA = 0x2c;

/**
 * Checks the file's shape on its raw bytes as they arrive, before any of it becomes strings or
 * cells: total size, physical lines (quoted line breaks count as breaks here, which only makes
 * the check stricter), the bytes of each line and the separators in it, and the number of
 * lines. A file that fails stops being read at that point.
 */
class ShapeCheck {
  private bytes = 0;
  private line = 1;
  private lineBytes = 0;
  private semicolons = 0;
  private commas = 0;
  private nonEmptyLines = 0;

  /** @returns the problem with the file so far, or null */
  feed(chunk: Uint8Array): FileProblem | null {
    this.bytes += chunk.byteLength;
    if (this.bytes > MAX_IMPORT_BYTES) return { code: "too-large" };
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === NEWLINE) {
        if (this.lineBytes > 1) this.nonEmptyLines++;
        // The header plus the rows.
        if (this.nonEmptyLines > MAX_IMPORT_ROWS + 1) return { code: "too-many-rows", max: MAX_IMPORT_ROWS };
        this.line++;
        this.lineBytes = this.semicolons = this.commas = 0;
        continue;
      }
      this.lineBytes++;
      if (b === SEMICOLON) this.semicolons++;
      else if (b === COMMA) this.commas++;
      if (this.lineBytes > MAX_LINE_BYTES || Math.max(this.semicolons, this.commas) >= MAX_CELLS_PER_LINE) return { code: "too-wide", line: this.line };
    }
    return null;
  }
}

/** A file's bytes, whole or as a stream (the upload, read as it arrives). */
export type CsvSource = Uint8Array | ReadableStream<Uint8Array>;

/** Reads `source` through the shape check; the bytes, or the first problem (reading stops there). */
async function readChecked(source: CsvSource): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; problem: FileProblem }> {
  const check = new ShapeCheck();
  if (source instanceof Uint8Array) {
    const problem = check.feed(source);
    return problem ? { ok: false, problem } : { ok: true, bytes: source };
  }
  const chunks: Uint8Array[] = [];
  const reader = source.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const problem = check.feed(value);
    if (problem) {
      await reader.cancel();
      return { ok: false, problem };
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

/**
 * Parses and checks an employee CSV: `;` or `,` (whichever the header uses), UTF-8 with or
 * without BOM. The shape is checked on the bytes as they are read (at most
 * {@link MAX_IMPORT_BYTES}, {@link MAX_IMPORT_ROWS} rows, {@link MAX_LINE_BYTES} bytes and
 * {@link MAX_CELLS_PER_LINE} cells a line), so a hostile file costs at most its own size. Every
 * row gets its problems (missing fields, malformed e-mail, invalid codice fiscale, a spreadsheet
 * formula in a cell, duplicates within the file); the file itself can be refused (empty, not
 * UTF-8, wrong columns, too large, too wide). Nothing is written here.
 */
export async function parseEmployeeCsv(source: CsvSource): Promise<ParsedFile> {
  const read = await readChecked(source);
  if (!read.ok) return read;
  const bytes = read.bytes;
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
  // Quoted line breaks can make more records than physical lines were counted: check again.
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
      values: {
        lastName: get("cognome"),
        firstName: get("nome"),
        email,
        fiscalCode,
        department: opt("reparto"),
        qualification: opt("qualifica"),
        contractType: opt("tipo_contratto"),
        company: opt("azienda"),
      },
    };
  });
  return { ok: true, rows, sha256: createHash("sha256").update(bytes).digest("hex") };
}

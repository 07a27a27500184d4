import "server-only";
import { createHash } from "node:crypto";
import { once } from "node:events";
import type { PassThrough } from "node:stream";
import { ZipArchive } from "archiver";
import type { Engine } from "@/db/engine/types";
import { streamCertificates, type CertificateDetailRow, type CertificateListFilter } from "@/db/queries/certificates";
import { appendAuditEvent } from "@/lib/audit/trail";
import { getCourse } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import { csvHeader, csvRecords } from "@/lib/reports/csv";
import type { ExportColumn } from "@/lib/reports/columns";
import { decimalHours, formatRomeDateTime } from "@/lib/reports/format";
import { backgroundStream } from "@/lib/streams/web-stream";
import { certificatePdf, certificateFileName } from "./load";

/**
 * All certificates of a course (optionally one department, a completion-date range) as one
 * ZIP, streamed: each PDF is rendered and added only when the archive has taken the previous
 * one, so memory stays flat and a cancelled download stops the work. `indice.csv` at the end
 * lists every file (code, learner, course, completion date, hours, score, status).
 */

type IndexRow = { row: CertificateDetailRow; courseTitle: string; file: string };

export const INDEX_COLUMNS: readonly ExportColumn<IndexRow>[] = [
  { header: "Codice attestato", kind: "text", width: 22, value: (r) => r.row.code },
  { header: "Cognome", kind: "text", width: 18, value: (r) => r.row.lastName },
  { header: "Nome", kind: "text", width: 16, value: (r) => r.row.firstName },
  { header: "Codice fiscale", kind: "text", width: 19, value: (r) => r.row.fiscalCode },
  { header: "Corso", kind: "text", width: 34, value: (r) => r.courseTitle },
  { header: "Piano formativo", kind: "text", width: 24, value: (r) => r.row.planTitle },
  { header: "Ciclo", kind: "integer", width: 8, value: (r) => r.row.cycle },
  { header: "Data completamento", kind: "datetime", width: 20, value: (r) => new Date(r.row.completedAt * 1000) },
  { header: "Ore frequentate (h:mm)", kind: "duration-minutes", width: 12, value: (r) => r.row.activeSeconds },
  { header: "Ore frequentate (decimali)", kind: "decimal", width: 12, value: (r) => decimalHours(r.row.activeSeconds) },
  { header: "Punteggio test finale %", kind: "percent", width: 10, value: (r) => r.row.finalScorePercent },
  { header: "Stato", kind: "text", width: 12, value: (r) => (r.row.revokedAt === null ? "valido" : `revocato il ${formatRomeDateTime(new Date(r.row.revokedAt * 1000))}`) },
  { header: "Scadenza", kind: "datetime", width: 20, value: (r) => (r.row.expiresAt === null ? null : new Date(r.row.expiresAt * 1000)) },
  { header: "File", kind: "text", width: 40, value: (r) => r.file },
];

export type CertificatesZipInput = {
  filter: CertificateListFilter;
  filters: Record<string, string | undefined>;
  actor: { userId: number; sessionId: string | null };
  contentRoot?: string;
  baseUrl?: string;
};

export function certificatesZipStream(d: Engine, input: CertificatesZipInput): ReadableStream<Uint8Array> {
  return backgroundStream("the certificates ZIP", (pass, isClosed) => build(d, input, pass, isClosed));
}

async function build(d: Engine, input: CertificatesZipInput, pass: PassThrough, isClosed: () => boolean): Promise<void> {
  const archive = new ZipArchive({ zlib: { level: 6 } });
  // Ended by hand, once the export is recorded: a download the client finished is always in the audit trail.
  archive.pipe(pass, { end: false });
  const rows = streamCertificates(d, input.filter);
  const course = getCourse(input.filter.courseSlug, input.contentRoot);
  const courseTitle = course ? localized(course.title, "it") : input.filter.courseSlug;
  const index: IndexRow[] = [];
  const hash = createHash("sha256");
  const audit = async (complete: boolean, reason?: unknown) => {
    try {
      await appendAuditEvent(d, {
        type: "admin.export",
        actorUserId: input.actor.userId,
        sessionId: input.actor.sessionId,
        subject: `certificates:zip:${input.filter.courseSlug}`,
        data: {
          format: "zip",
          filters: Object.fromEntries(Object.entries({ course: input.filter.courseSlug, companyId: input.filter.scope.companyId, ...input.filters }).filter(([, v]) => v)),
          rows: index.length,
          // Hash of the index file's data: which certificates, in which state, were handed out.
          sha256: complete ? hash.digest("hex") : null,
          complete,
          ...(complete ? {} : { reason: reason instanceof Error ? reason.message : String(reason ?? "cancelled") }),
        },
      });
    } catch (e) {
      console.error("admin.export audit event could not be written", e);
    }
  };
  // One wait for the client going away, shared by every entry (a `once` per entry left a
  // listener per certificate on the stream).
  const clientGone = once(pass, "close");
  clientGone.catch(() => undefined); // a stream error is handled where it is awaited, never unhandled
  try {
    for await (const row of rows) {
      const file = certificateFileName(row.code);
      const pdf = await certificatePdf(d, row, { contentRoot: input.contentRoot, baseUrl: input.baseUrl });
      if (isClosed()) throw new Error("export cancelled by the client");
      const taken = once(archive, "entry");
      archive.append(Buffer.from(pdf), { name: file, date: new Date(row.issuedAt * 1000) });
      await Promise.race([taken, clientGone]);
      if (isClosed()) throw new Error("export cancelled by the client");
      index.push({ row, courseTitle, file });
    }
    const body = csvRecords(INDEX_COLUMNS, index, ";");
    hash.update(body);
    archive.append(csvHeader(INDEX_COLUMNS, ";", true) + body, { name: "indice.csv", date: new Date() });
    const ended = once(archive, "end");
    ended.catch(() => undefined);
    await archive.finalize();
    await Promise.race([ended, clientGone]);
    if (isClosed()) throw new Error("export cancelled by the client");
    await audit(true);
    pass.end();
  } catch (e) {
    await rows.return?.();
    await audit(false, e);
    archive.abort();
    if (!isClosed()) pass.destroy(e instanceof Error ? e : new Error(String(e)));
  }
}

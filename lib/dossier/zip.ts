import "server-only";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { Readable, Transform, type PassThrough } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { ZipArchive } from "archiver";
import type { Engine } from "@/db/engine/types";
import { streamCertificates, type CertificateDetailRow } from "@/db/queries/certificates";
import type { DataScope } from "@/db/queries/scope";
import { appendAuditEvent } from "@/lib/audit/trail";
import { certificateFileName, certificatePdf } from "@/lib/certificates/load";
import { registerExport, sessionsExport, type ExportFormat } from "@/lib/reports/exports";
import type { FundingReferences } from "@/lib/reports/funding";
import type { ReportCourse } from "@/lib/reports/register";
import { renderCourseFilePdf } from "./course-file-pdf";
import { fillDeclaration, type DeclarationTemplate, type MissingField } from "./declaration";
import { renderDeclarationPdf } from "./declaration-pdf";
import { dossierAuditSubject, manifestJson, MANIFEST_JSON, readmeText, README_TXT, SHA256SUMS, type DossierFile, type DossierFileKind } from "./manifest";
import { renderRegisterPdf } from "./register-pdf";
import { renderOneAtATime } from "./render-gate";
import { formatSha256Sums, type HashedFile } from "./sha256sums";
import type { PlanDossierInput } from "./types";
import { backgroundStream } from "@/lib/streams/web-stream";

/**
 * A plan's dossier as one ZIP, streamed: the registers (whole plan and per participant), the
 * declaration, the course file, the register and access-log exports of the plan, the
 * certificates, `manifest.json`, `LEGGIMI.txt` and `SHA256SUMS`. Each entry is produced only
 * when the archive has taken the previous one, so memory holds one document at a time and a
 * cancelled download stops the work.
 *
 * The `admin.dossier` audit event (every file's SHA-256, and the hash of `SHA256SUMS`) is
 * written after the last byte went into the response and before the response ends: a client
 * never holds a complete dossier that the trail does not know, and if the event cannot be
 * written the download fails instead of ending normally.
 */

export type DossierActor = { userId: number; sessionId: string | null; name: string; email: string };

export type DossierZipInput = {
  /** The dossier's data (readPlanDossier); `generatedAt` dates every entry and the exports. */
  input: PlanDossierInput;
  declaration: DeclarationTemplate;
  planId: number;
  scope: DataScope;
  /** The plan's references printed on the access log rows. */
  funding: FundingReferences;
  /** The plan's courses as the reports see them, in the dossier's order. */
  courses: readonly ReportCourse[];
  actor: DossierActor;
  contentRoot?: string;
  baseUrl?: string;
};

/** Why a dossier cannot be made: the declaration would have blanks. Nothing is streamed. */
export type DossierRefusal = { missing: MissingField[] };

/** Checks, before any byte is sent, that every document can be printed. */
export function dossierRefusal(input: PlanDossierInput, declaration: DeclarationTemplate): DossierRefusal | null {
  const filled = fillDeclaration(declaration, input);
  return filled.ok ? null : { missing: filled.missing };
}

/** Lower-case ASCII words joined by `-`, safe in any unzip tool and in `sha256sum -c`. */
export function fileSlug(text: string, fallback: string): string {
  const slug = text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return slug || fallback;
}

type Source = () => Promise<Uint8Array> | ReadableStream<Uint8Array>;
type PlannedEntry = { path: string; kind: DossierFileKind; description: string; source: Source };

/** The participants of every course of the plan, once each, by surname, name and id. */
function participantsOf(input: PlanDossierInput) {
  const byId = new Map<number, PlanDossierInput["courses"][number]["participants"][number]>();
  for (const section of input.courses) for (const p of section.participants) if (!byId.has(p.userId)) byId.set(p.userId, p);
  const cmp = (a: string, b: string) => a.localeCompare(b, "it", { sensitivity: "base" });
  return [...byId.values()].sort((a, b) => cmp(a.lastName, b.lastName) || cmp(a.firstName, b.firstName) || a.userId - b.userId);
}

async function certificateRows(d: Engine, z: DossierZipInput): Promise<CertificateDetailRow[]> {
  const rows: CertificateDetailRow[] = [];
  for (const c of z.courses) for await (const row of streamCertificates(d, { scope: z.scope, plan: z.planId, courseSlug: c.slug })) rows.push(row);
  return rows;
}

/** Every document of the dossier, in the ZIP's order (manifest and sums excluded). */
async function plannedEntries(d: Engine, z: DossierZipInput): Promise<PlannedEntry[]> {
  const { input } = z;
  const now = input.generatedAt;
  const entries: PlannedEntry[] = [
    { path: `registro-fad/registro-piano-${z.planId}.pdf`, kind: "registro-piano", description: "Registro FAD del piano: tutti i partecipanti", source: () => renderOneAtATime(() => renderRegisterPdf(input)) },
  ];
  for (const p of participantsOf(input)) {
    entries.push({
      path: `registro-fad/partecipanti/${fileSlug(p.lastName, "cognome")}-${fileSlug(p.firstName, "nome")}-${p.userId}.pdf`,
      kind: "registro-partecipante",
      description: `Registro FAD individuale: ${p.lastName} ${p.firstName}${p.fiscalCode ? ` (${p.fiscalCode})` : ""}`,
      source: () => renderOneAtATime(() => renderRegisterPdf(input, { participantId: p.userId })),
    });
  }
  entries.push(
    { path: "dichiarazione-sostitutiva.pdf", kind: "dichiarazione", description: "Dichiarazione sostitutiva (D.P.R. 445/2000, artt. 46–47) da firmare", source: () => renderOneAtATime(() => renderDeclarationPdf(z.declaration, input)) },
    { path: "fascicolo-del-corso.pdf", kind: "fascicolo", description: "Fascicolo del corso: programma, test, fonti, versioni, esportazioni", source: () => renderOneAtATime(() => renderCourseFilePdf(input)) },
  );
  const actor = { userId: z.actor.userId, sessionId: z.actor.sessionId };
  const formats: ExportFormat[] = ["csv", "xlsx"];
  for (const course of z.courses) {
    for (const format of formats) {
      entries.push({
        path: `esportazioni/registro-${fileSlug(course.slug, "corso")}.${format}`,
        kind: format === "csv" ? "registro-csv" : "registro-xlsx",
        description: `Registro dei partecipanti al piano, corso «${course.title("it")}», ${format.toUpperCase()} con riepilogo firmato`,
        source: () =>
          registerExport(d, {
            course,
            query: { scope: z.scope, filter: { plan: z.planId }, sort: { key: "name", dir: "asc" } },
            filters: { plan: z.planId },
            format,
            actor,
            now,
            record: false,
          }).body,
      });
    }
  }
  for (const format of formats) {
    entries.push({
      path: `esportazioni/accessi.${format}`,
      kind: format === "csv" ? "accessi-csv" : "accessi-xlsx",
      description: `Registro degli accessi (sessioni) dei partecipanti al piano, ${format.toUpperCase()} con riepilogo firmato`,
      source: () =>
        sessionsExport(d, { filter: { scope: z.scope, planId: z.planId }, funding: z.funding, filters: { plan: z.planId }, format, actor, now, contentRoot: z.contentRoot, record: false }).body,
    });
  }
  for (const row of await certificateRows(d, z)) {
    entries.push({
      path: `attestati/${certificateFileName(row.code)}`,
      kind: "attestato",
      description: `Attestato ${row.code}: ${row.lastName} ${row.firstName}${row.revokedAt === null ? "" : " (revocato)"}`,
      source: async () => certificatePdf(d, row, { contentRoot: z.contentRoot, baseUrl: z.baseUrl }),
    });
  }
  return entries;
}

/** Hashes and counts the bytes passing through. */
function hashing(): { stream: Transform; result: () => { bytes: number; sha256: string } } {
  const hash = createHash("sha256");
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ bytes, sha256: hash.digest("hex") }) };
}

export function dossierZipStream(d: Engine, z: DossierZipInput): ReadableStream<Uint8Array> {
  return backgroundStream("the dossier ZIP", (pass, isClosed) => build(d, z, pass, isClosed));
}

async function build(d: Engine, z: DossierZipInput, pass: PassThrough, isClosed: () => boolean): Promise<void> {
  const archive = new ZipArchive({ zlib: { level: 6 } });
  // Not ended by the archive: the response ends only once the audit event is written.
  archive.pipe(pass, { end: false });
  const date = z.input.generatedAt;
  const files: DossierFile[] = [];
  let recorded = false;

  const failed = new Promise<never>((_, reject) => {
    archive.on("error", reject);
    pass.once("close", () => reject(new Error("download cancelled by the client")));
  });
  failed.catch(() => undefined); // awaited in races below; never unhandled

  const add = async (path: string, body: Uint8Array | ReadableStream<Uint8Array>): Promise<HashedFile> => {
    if (isClosed()) throw new Error("download cancelled by the client");
    const taken = once(archive, "entry");
    let result: () => { bytes: number; sha256: string };
    if (body instanceof Uint8Array) {
      const sha256 = createHash("sha256").update(body).digest("hex");
      result = () => ({ bytes: body.byteLength, sha256 });
      archive.append(Buffer.from(body.buffer, body.byteOffset, body.byteLength), { name: path, date });
    } else {
      const h = hashing();
      result = h.result;
      const source = Readable.fromWeb(body as unknown as NodeWebStream<Uint8Array>);
      source.once("error", (e) => h.stream.destroy(e));
      archive.append(source.pipe(h.stream), { name: path, date });
    }
    await Promise.race([taken, failed]);
    return { path, ...result() };
  };

  try {
    for (const e of await plannedEntries(d, z)) {
      const source = e.source();
      const body = source instanceof ReadableStream ? source : await source;
      files.push({ ...(await add(e.path, body)), kind: e.kind, description: e.description });
    }
    const manifest = {
      plan: z.input.plan,
      fundLabel: z.input.plan.fund,
      company: z.input.company,
      generatedAt: z.input.generatedAt,
      generatedBy: { userId: z.actor.userId, name: z.actor.name, email: z.actor.email },
      auditHead: z.input.auditHead,
      files,
    };
    const enc = new TextEncoder();
    const listed: HashedFile[] = files.map(({ path, bytes, sha256 }) => ({ path, bytes, sha256 }));
    listed.push(await add(MANIFEST_JSON, enc.encode(manifestJson(manifest))));
    listed.push(await add(README_TXT, enc.encode(readmeText(manifest))));
    const sums = enc.encode(formatSha256Sums(listed));
    const sumsFile = await add(SHA256SUMS, sums);

    const ended = once(archive, "end");
    ended.catch(() => undefined);
    await archive.finalize();
    await Promise.race([ended, failed]);
    await recordDossier(d, z, listed, { sha256sums: sumsFile.sha256, complete: true });
    recorded = true;
    pass.end();
  } catch (e) {
    if (!recorded) await recordFailure(d, z, files, e);
    archive.abort();
    if (!isClosed()) pass.destroy(e instanceof Error ? e : new Error(String(e)));
  }
}

/** The `admin.dossier` event: the plan, every file's hash, and how it ended. */
async function recordDossier(d: Engine, z: DossierZipInput, files: readonly HashedFile[], outcome: Record<string, unknown>): Promise<void> {
  await appendAuditEvent(d, {
    type: "admin.dossier",
    actorUserId: z.actor.userId,
    sessionId: z.actor.sessionId,
    subject: dossierAuditSubject(z.planId),
    data: {
      plan: { id: z.planId, title: z.input.plan.title },
      generatedAt: z.input.generatedAt.toISOString(),
      files: files.map(({ path, bytes, sha256 }) => ({ path, bytes, sha256 })),
      ...outcome,
    },
  });
}

/** A dossier that did not reach its client whole: what was made, and why it stopped. */
async function recordFailure(d: Engine, z: DossierZipInput, files: readonly HashedFile[], reason: unknown): Promise<void> {
  try {
    await recordDossier(d, z, files, { complete: false, reason: reason instanceof Error ? reason.message : String(reason) });
  } catch (e) {
    console.error("admin.dossier audit event could not be written", e);
  }
}

import "server-only";
import type { Engine } from "@/db/engine/types";
import { streamRegister, type RegisterQuery } from "@/db/queries/register";
import { streamSessions, type SessionsFilter } from "@/db/queries/sessions";
import { registerClock } from "./register-clock";
import { appendAuditEvent } from "@/lib/audit/trail";
import { describeFilters } from "./filter-description";
import { type ExportColumn, type ExportMeta, type ExportSummary, type RowSource } from "./columns";
import { csvExportStream, type CsvSeparator } from "./csv";
import type { FundingReferences } from "./funding";
import { romeWallClock } from "./format";
import { REGISTER_COLUMNS, SESSION_COLUMNS, toRegisterRow, toSessionRow, type RegisterRow, type ReportCourse, type SessionRow } from "./register";
import { xlsxExportStream } from "./xlsx";

/**
 * The register and access-log exports: rows streamed from a read-only snapshot on the read
 * worker (db/read-worker.ts), written as
 * CSV or XLSX with a signed summary, and an `admin.export` audit event with the filters, the
 * row count and the file's SHA-256 once the last byte is produced (or `complete: false` when
 * the download was cancelled).
 */

export type ExportFormat = "csv" | "xlsx";
export type ExportActor = { userId: number; sessionId: string | null };

export type ExportFile = { body: ReadableStream<Uint8Array>; filename: string; contentType: string };

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Maps rows lazily as they are read; `return()` is passed on, so stopping early closes the cursor. */
function mapRows<A, B>(it: AsyncIterator<A>, f: (a: A) => B): AsyncIterator<B> {
  return {
    async next() {
      const n = await it.next();
      return n.done ? { done: true, value: undefined } : { done: false, value: f(n.value) };
    },
    async return() {
      await it.return?.();
      return { done: true, value: undefined };
    },
  };
}

/** `20270302-1015`: the Rome time a download was made, in its file name. */
export function stamp(d: Date): string {
  const w = romeWallClock(d);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${w.year}${p(w.month)}${p(w.day)}-${p(w.hour)}${p(w.minute)}`;
}

type Plan<T> = {
  d: Engine;
  format: ExportFormat;
  separator: CsvSeparator;
  columns: readonly ExportColumn<T>[];
  /** The rows, read on the worker thread (db/read-worker.ts) so a long register never holds the server's. */
  open: () => AsyncIterator<T>;
  meta: ExportMeta;
  actor: ExportActor;
  subject: string;
  filters: Record<string, string | number | undefined>;
  batchSize?: number;
  /** False when the caller records the file in its own audit event (the dossier ZIP). */
  record?: boolean;
};

function stream<T>(plan: Plan<T>): ReadableStream<Uint8Array> {
  const openSource = (): RowSource<T> => {
    const rows = plan.open();
    return { rows, close: () => void rows.return?.() };
  };
  const audit = async (summary: ExportSummary, complete: boolean, reason?: unknown) => {
    if (plan.record === false) return;
    try {
      await appendAuditEvent(plan.d, {
        type: "admin.export",
        actorUserId: plan.actor.userId,
        sessionId: plan.actor.sessionId,
        subject: plan.subject,
        data: {
          format: plan.format,
          ...(plan.format === "csv" ? { separator: plan.separator } : {}),
          filters: Object.fromEntries(Object.entries(plan.filters).filter(([, v]) => v !== undefined && v !== "")),
          rows: summary.rows,
          sha256: summary.sha256 || null,
          complete,
          ...(complete ? {} : { reason: reason instanceof Error ? reason.message : String(reason ?? "cancelled") }),
        },
      });
    } catch (e) {
      // The download itself must not fail because of the audit write; the operator sees why.
      console.error("admin.export audit event could not be written", e);
    }
  };
  const callbacks = { onFinish: async (s: ExportSummary) => audit(s, true), onAbort: async (s: ExportSummary, reason: unknown) => audit(s, false, reason) };
  return plan.format === "csv"
    ? csvExportStream(plan.columns, openSource, { separator: plan.separator, batchSize: plan.batchSize, ...callbacks })
    : xlsxExportStream(plan.columns, openSource, { meta: plan.meta, ...callbacks });
}

export type RegisterExportInput = {
  course: ReportCourse;
  query: Omit<RegisterQuery, "course" | "clock">;
  /** The filters as the user gave them (for the summary and the audit event). */
  filters: Record<string, string | number | undefined>;
  format: ExportFormat;
  separator?: CsvSeparator;
  actor: ExportActor;
  now?: Date;
  /** CSV rows per pull (tests use a small one to hold the cursor open). */
  batchSize?: number;
  /** False: no `admin.export` event (the caller records the file itself). */
  record?: boolean;
};

/** The participants register of one course (of one plan, when the filter says so), as CSV or XLSX. */
export function registerExport(d: Engine, input: RegisterExportInput): ExportFile {
  const now = input.now ?? new Date();
  const filters = { course: input.course.slug, ...input.filters };
  const body = stream<RegisterRow>({
    d,
    format: input.format,
    separator: input.separator ?? ";",
    columns: REGISTER_COLUMNS,
    open: () => mapRows(streamRegister(d, { ...input.query, course: input.course.params, clock: registerClock(now) }), (r) => toRegisterRow(r, input.course)),
    meta: { title: "Registro", generatedAt: now, filter: describeFilters(filters, input.course.title("it")) },
    actor: input.actor,
    subject: `report:register:${input.course.slug}`,
    filters,
    batchSize: input.batchSize,
    record: input.record,
  });
  const plan = input.query.filter?.plan;
  const planPart = plan === undefined ? "" : plan === "none" ? "-senza-piano" : `-piano-${plan}`;
  return { body, filename: `registro-${input.course.slug}${planPart}-${stamp(now)}.${input.format}`, contentType: CONTENT_TYPES[input.format] };
}

export type SessionsExportInput = {
  filter: SessionsFilter;
  /** Printed on every row: the plan's references when the log is one plan's, else the company's only plan's. */
  funding: FundingReferences;
  filters: Record<string, string | number | undefined>;
  format: ExportFormat;
  separator?: CsvSeparator;
  actor: ExportActor;
  now?: Date;
  contentRoot?: string;
  /** False: no `admin.export` event (the caller records the file itself). */
  record?: boolean;
};

/** The access log (one row per sign-in session of a learner), as CSV or XLSX. */
export function sessionsExport(d: Engine, input: SessionsExportInput): ExportFile {
  const now = input.now ?? new Date();
  const ctx = { funding: input.funding, withCourse: !input.filter.courseSlug, nowSeconds: Math.floor(now.getTime() / 1000), contentRoot: input.contentRoot };
  const body = stream<SessionRow>({
    d,
    format: input.format,
    separator: input.separator ?? ";",
    columns: SESSION_COLUMNS,
    open: () => mapRows(streamSessions(d, input.filter), (r) => toSessionRow(r, ctx)),
    meta: { title: "Accessi", generatedAt: now, filter: describeFilters(input.filters) },
    actor: input.actor,
    subject: `report:sessions:${input.filter.courseSlug ?? "all"}`,
    filters: input.filters,
    record: input.record,
  });
  return { body, filename: `accessi-${input.filter.courseSlug ?? "tutti"}-${stamp(now)}.${input.format}`, contentType: CONTENT_TYPES[input.format] };
}

/**
 * The HTTP response for an export file: a download, never cached, never compressed on the
 * way (`no-transform`). Next would gzip a CSV at level 6 on the fly, which cost more than
 * producing the file (10,000 rows, README "Performance"); a register is a few megabytes,
 * downloaded now and then by an administrator. The XLSX is a zip already.
 */
export function exportResponse(file: ExportFile): Response {
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store, no-transform",
      "x-content-type-options": "nosniff",
    },
  });
}

import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db/client";
import { withPermission } from "@/lib/auth/guards";
import { badRequest } from "@/lib/http";
import { exportResponse, registerExport, sessionsExport, type ExportFormat } from "@/lib/reports/exports";
import { registerFilter, RegisterQuerySchema, searchParamsObject, sessionsFilter, SessionsQuerySchema } from "@/lib/reports/filters";
import { reportCourse } from "@/lib/reports/register";

const FILE = /^(register|sessions)\.(csv|xlsx)$/;

function unknownCourse(slug: string) {
  return badRequest(new z.ZodError([{ code: "custom", path: ["course"], message: `unknown course "${slug}"`, input: slug }]));
}

/**
 * GET /api/admin/reports/register.csv|register.xlsx?course=<slug>&department=&status=&from=&to=&q=&sort=&dir=&sep=
 * GET /api/admin/reports/sessions.csv|sessions.xlsx?course=&from=&to=&sep=
 *
 * Admins only (`reports:export`). Streamed downloads with a signed summary; every export is
 * recorded as an `admin.export` audit event with its filters, row count and hash. Invalid
 * query values answer 422 with the field and the reason.
 */
export const GET = withPermission<{ file: string }>("reports:export", (req, { user, params }) => {
  const match = FILE.exec(params.file);
  if (!match) return NextResponse.json({ error: "not_found", message: "No such report." }, { status: 404 });
  const kind = match[1] as "register" | "sessions";
  const format = match[2] as ExportFormat;
  const query = searchParamsObject(new URL(req.url).searchParams);
  const d = db();
  const actor = { userId: user.id, sessionId: user.sessionId };

  if (kind === "register") {
    const parsed = RegisterQuerySchema.safeParse(query);
    if (!parsed.success) return badRequest(parsed.error);
    const q = parsed.data;
    const course = reportCourse(d, q.course);
    if (!course) return unknownCourse(q.course);
    const file = registerExport(d, {
      course,
      query: { filter: registerFilter(q), sort: { key: q.sort, dir: q.dir } },
      filters: { department: q.department, status: q.status, from: q.from, to: q.to, q: q.q, sort: q.sort, dir: q.dir },
      format,
      separator: q.sep,
      actor,
    });
    return exportResponse(file);
  }

  const parsed = SessionsQuerySchema.safeParse(query);
  if (!parsed.success) return badRequest(parsed.error);
  const q = parsed.data;
  if (q.course && !reportCourse(d, q.course)) return unknownCourse(q.course);
  const file = sessionsExport(d, {
    filter: sessionsFilter(q),
    filters: { course: q.course, from: q.from, to: q.to },
    format,
    separator: q.sep,
    actor,
  });
  return exportResponse(file);
});

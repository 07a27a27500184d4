import { NextResponse } from "next/server";
import { db } from "@/db/client";
import { listExerciseAttempts, listGradedAttempts } from "@/db/queries/analytics";
import { courseMisconceptions, MISCONCEPTION_COLUMNS, misconceptionRows } from "@/lib/analytics/course-misconceptions";
import { analyticsExport } from "@/lib/analytics/export";
import { analyticsRange } from "@/lib/analytics/query";
import { analyticsRequest } from "@/lib/analytics/request";
import { withScope } from "@/lib/auth/guards";
import { exportResponse, type ExportFormat } from "@/lib/reports/exports";

const FILE = /^misconceptions\.(csv|xlsx)$/;

/**
 * GET /api/admin/analytics/misconceptions.csv|misconceptions.xlsx?course=<slug>&from=&to=
 *
 * Admins only (`analytics:groups`). Wrong first answers per risk × department with the three
 * most chosen wrong options; groups of fewer than 5 people carry no figure ("gruppo troppo
 * piccolo"). No row is about a person. Invalid values answer 422 with the field and the reason.
 */
export const GET = withScope<{ file: string }>("analytics:groups", async (req, { scope, params }) => {
  const match = FILE.exec(params.file);
  if (!match) return NextResponse.json({ error: "not_found", message: "No such export." }, { status: 404 });
  const r = analyticsRequest(req);
  if (!r.ok) return r.response;
  const { query: q, course } = r;
  const range = analyticsRange(q);
  const report = courseMisconceptions(course, await listGradedAttempts(db(), course.slug, range, scope), "it", await listExerciseAttempts(db(), course.slug, range, scope));
  return exportResponse(
    analyticsExport({
      columns: MISCONCEPTION_COLUMNS,
      rows: misconceptionRows(report),
      format: match[1] as ExportFormat,
      title: "Errori per reparto",
      filename: `errori-per-reparto-${course.slug}`,
      filters: { course: q.course, from: q.from, to: q.to },
    }),
  );
});

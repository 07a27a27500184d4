import { db } from "@/db/client";
import { listExerciseAttempts, listGradedAttempts } from "@/db/queries/analytics";
import { analyticsExport } from "@/lib/analytics/export";
import { ITEM_COLUMNS, itemExportRows } from "@/lib/analytics/item-columns";
import { itemReport } from "@/lib/analytics/item-report";
import { analyticsRange } from "@/lib/analytics/query";
import { analyticsRequest } from "@/lib/analytics/request";
import { notFoundJson, withPermission } from "@/lib/auth/guards";
import { canForCourse } from "@/lib/auth/permissions";
import { exportResponse } from "@/lib/reports/exports";

/**
 * GET /api/trainer/item-analysis.csv?course=<slug>&from=yyyy-mm-dd&to=yyyy-mm-dd
 *
 * Trainers and admins (`analytics:items`). The item analysis of the course's quiz questions
 * over attempts submitted in the period (days in Europe/Rome, inclusive), one row per option.
 * Aggregates only: no learner appears in it. Invalid or unknown values answer 422 with the
 * field and the reason.
 */
export const GET = withPermission("analytics:items", async (req, { user }) => {
  const r = analyticsRequest(req);
  if (!r.ok) return r.response;
  const { query: q, course } = r;
  if (!canForCourse(user, "analytics:items", course.slug)) return notFoundJson("No such course.");
  const range = analyticsRange(q);
  const report = itemReport(course, await listGradedAttempts(db(), course.slug, range, user.scope), "it", await listExerciseAttempts(db(), course.slug, range, user.scope));
  return exportResponse(
    analyticsExport({
      columns: ITEM_COLUMNS,
      rows: itemExportRows(report),
      format: "csv",
      title: "Analisi delle domande",
      filename: `analisi-domande-${course.slug}`,
      filters: { course: q.course, from: q.from, to: q.to },
    }),
  );
});

/**
 * The query string of the analytics pages and exports: a course and an optional period of
 * submission (days in Europe/Rome, both inclusive). Pure module.
 */
import { z } from "zod";
import type { AnalyticsRange } from "@/db/queries/analytics";
import { CourseSlugSchema, dateRange, isoDay, optional } from "@/lib/reports/filters";
import { romeDayEnd, romeDayStart } from "@/lib/reports/format";

export const AnalyticsQuerySchema = z
  .object({
    course: CourseSlugSchema,
    from: optional(isoDay),
    to: optional(isoDay),
  })
  .superRefine(dateRange);
export type AnalyticsQuery = z.infer<typeof AnalyticsQuerySchema>;

export function analyticsRange(q: { from?: string; to?: string }): AnalyticsRange {
  return { from: q.from ? romeDayStart(q.from) : undefined, before: q.to ? romeDayEnd(q.to) : undefined };
}

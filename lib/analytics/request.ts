import "server-only";
import { z } from "zod";
import { getCourse } from "@/lib/content/lookup";
import type { Course } from "@/lib/content/scan";
import { badRequest } from "@/lib/http";
import { searchParamsObject } from "@/lib/reports/filters";
import { AnalyticsQuerySchema, type AnalyticsQuery } from "./query";

/** The analytics export routes' query: parsed, with its course; or the 422 to answer. */
export function analyticsRequest(req: Request): { ok: true; query: AnalyticsQuery; course: Course } | { ok: false; response: Response } {
  const parsed = AnalyticsQuerySchema.safeParse(searchParamsObject(new URL(req.url).searchParams));
  if (!parsed.success) return { ok: false, response: badRequest(parsed.error) };
  const course = getCourse(parsed.data.course);
  if (!course) {
    return { ok: false, response: badRequest(new z.ZodError([{ code: "custom", path: ["course"], message: `unknown course "${parsed.data.course}"`, input: parsed.data.course }])) };
  }
  return { ok: true, query: parsed.data, course };
}

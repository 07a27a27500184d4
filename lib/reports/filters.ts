import { z } from "zod";
import { SLUG_RE } from "@/lib/content/names";
import { REGISTER_SORT_KEYS, type RegisterFilter } from "@/db/queries/register";
import type { SessionsFilter } from "@/db/queries/sessions";
import type { DataScope } from "@/db/queries/scope";
import { romeDayEnd, romeDayStart } from "./format";
import { PARTICIPANT_STATUSES } from "./status";

/**
 * Query-string schemas shared by the report pages and the export routes, so a download
 * button always exports exactly what the page shows. Empty values (an untouched select or
 * date field of a GET form) count as absent. Dates are days in Europe/Rome, both inclusive.
 */

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
export const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export const CourseSlugSchema = z.string().regex(SLUG_RE, "must be a course slug (lower-case letters, digits, hyphens)").max(100);

export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as yyyy-mm-dd")
  .refine((s) => {
    const [y, m, d] = s.split("-").map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d && y >= 2000 && y <= 2200;
  }, "is not a valid date");

export const dateRange = <T extends { from?: string; to?: string }>(v: T, ctx: z.RefinementCtx) => {
  if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
};

/** A plan of the company (its id) or `none`: participations without a plan. Checked against the scope by the caller (404 outside). */
export const PlanParamSchema = z.union([z.literal("none"), z.coerce.number({ error: "must be a plan id or none" }).int().positive().max(Number.MAX_SAFE_INTEGER)], { error: "must be a plan id or none" });

const SeparatorSchema = z.preprocess(
  (v) => (v === undefined || v === "" ? ";" : v === "comma" ? "," : v === "semicolon" ? ";" : v),
  z.enum([";", ","], { error: "must be ; or ," }),
);

export const RegisterQuerySchema = z
  .object({
    course: CourseSlugSchema,
    plan: optional(PlanParamSchema),
    department: optional(z.string().trim().max(200)),
    status: optional(z.enum(PARTICIPANT_STATUSES, { error: `must be one of: ${PARTICIPANT_STATUSES.join(", ")}` })),
    /** `1`: only people past their due date (the overdue flag). */
    overdue: optional(z.literal("1", { error: "must be 1 or left out" })),
    from: optional(isoDay),
    to: optional(isoDay),
    q: optional(z.string().trim().max(200)),
    sort: z.preprocess(blankToUndefined, z.enum(REGISTER_SORT_KEYS, { error: `must be one of: ${REGISTER_SORT_KEYS.join(", ")}` }).default("name")),
    dir: z.preprocess(blankToUndefined, z.enum(["asc", "desc"], { error: "must be asc or desc" }).default("asc")),
    page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
    sep: SeparatorSchema,
  })
  .superRefine(dateRange);
export type RegisterQueryInput = z.infer<typeof RegisterQuerySchema>;

export const SessionsQuerySchema = z
  .object({
    course: optional(CourseSlugSchema),
    plan: optional(z.coerce.number({ error: "must be a plan id" }).int().positive().max(Number.MAX_SAFE_INTEGER)),
    from: optional(isoDay),
    to: optional(isoDay),
    sep: SeparatorSchema,
  })
  .superRefine(dateRange);
export type SessionsQueryInput = z.infer<typeof SessionsQuerySchema>;

export const CertificatesZipQuerySchema = z
  .object({
    course: CourseSlugSchema,
    plan: optional(PlanParamSchema),
    department: optional(z.string().trim().max(200)),
    from: optional(isoDay),
    to: optional(isoDay),
  })
  .superRefine(dateRange);
export type CertificatesZipQueryInput = z.infer<typeof CertificatesZipQuerySchema>;

/** Query-string values as zod sees them: the first value of each key. */
export function searchParamsObject(sp: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  if (sp instanceof URLSearchParams) {
    for (const [k, v] of sp) if (!(k in out)) out[k] = v;
  } else {
    for (const [k, v] of Object.entries(sp)) {
      const first = Array.isArray(v) ? v[0] : v;
      if (first !== undefined) out[k] = first;
    }
  }
  return out;
}

export function registerFilter(q: { plan?: number | "none"; department?: string; status?: RegisterFilter["status"]; overdue?: "1"; from?: string; to?: string; q?: string }): RegisterFilter {
  return {
    plan: q.plan,
    department: q.department,
    status: q.status,
    overdue: q.overdue ? true : undefined,
    completedFrom: q.from ? romeDayStart(q.from) : undefined,
    completedBefore: q.to ? romeDayEnd(q.to) : undefined,
    q: q.q,
  };
}

export function sessionsFilter(scope: DataScope, q: { course?: string; plan?: number; from?: string; to?: string }): SessionsFilter {
  return { scope, planId: q.plan, courseSlug: q.course, from: q.from ? romeDayStart(q.from) : undefined, before: q.to ? romeDayEnd(q.to) : undefined };
}

/**
 * Pages are forgiving where routes answer 422: invalid fields are dropped (and named, so the
 * page can say so) instead of failing the whole page. `data` is null when a required field
 * (the course) is missing or invalid.
 */
export function parseLenient<S extends z.ZodType>(schema: S, input: Record<string, string>): { data: z.infer<S> | null; dropped: string[] } {
  const current: Record<string, string> = { ...input };
  const dropped: string[] = [];
  for (let round = 0; round < 10; round++) {
    const r = schema.safeParse(current);
    if (r.success) return { data: r.data, dropped };
    const keys = [...new Set(r.error.issues.map((i) => String(i.path[0] ?? "")))].filter((k) => k in current);
    if (keys.length === 0) return { data: null, dropped };
    for (const k of keys) {
      delete current[k];
      dropped.push(k);
    }
  }
  return { data: null, dropped };
}

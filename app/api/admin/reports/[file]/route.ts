import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db/client";
import { getPlan, listPlans } from "@/db/queries/plans";
import { notFoundJson, withScope } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { badRequest } from "@/lib/http";
import { exportResponse, registerExport, sessionsExport, type ExportFormat } from "@/lib/reports/exports";
import { registerFilter, RegisterQuerySchema, searchParamsObject, sessionsFilter, SessionsQuerySchema } from "@/lib/reports/filters";
import { fundingOf } from "@/lib/reports/funding";
import { reportCourse } from "@/lib/reports/register";

const FILE = /^(register|sessions)\.(csv|xlsx)$/;

function unknownCourse(slug: string) {
  return badRequest(new z.ZodError([{ code: "custom", path: ["course"], message: `unknown course "${slug}"`, input: slug }]));
}

/**
 * GET /api/admin/reports/register.csv|register.xlsx?course=<slug>&plan=<id|none>&department=&status=&from=&to=&q=&sort=&dir=&sep=
 * GET /api/admin/reports/sessions.csv|sessions.xlsx?course=&plan=&from=&to=&sep=
 *
 * The register for whoever may read it (`reports:register`: admins, and department managers for
 * their departments); the access log for admins (`reports:export`). Rows come only from the
 * caller's scope; a plan of another company is 404. Streamed downloads with a signed summary;
 * every export is recorded as an `admin.export` audit event with its filters, row count and hash.
 * Invalid query values answer 422 with the field and the reason.
 */
export const GET = withScope<{ file: string }>("reports:register", async (req, { user, scope, params }) => {
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
    if (typeof q.plan === "number" && !await getPlan(d, scope, q.plan)) return notFoundJson("No such plan.");
    const course = await reportCourse(d, scope, q.course);
    if (!course) return unknownCourse(q.course);
    const file = registerExport(d, {
      course,
      query: { scope, filter: registerFilter(q), sort: { key: q.sort, dir: q.dir } },
      filters: { plan: q.plan, department: q.department, status: q.status, from: q.from, to: q.to, q: q.q, sort: q.sort, dir: q.dir },
      format,
      separator: q.sep,
      actor,
    });
    return exportResponse(file);
  }

  if (!can(user, "reports:export")) return NextResponse.json({ error: "forbidden", message: "You may not do this." }, { status: 403 });
  const parsed = SessionsQuerySchema.safeParse(query);
  if (!parsed.success) return badRequest(parsed.error);
  const q = parsed.data;
  const plan = q.plan === undefined ? undefined : await getPlan(d, scope, q.plan);
  if (q.plan !== undefined && !plan) return notFoundJson("No such plan.");
  if (q.course && !await reportCourse(d, scope, q.course)) return unknownCourse(q.course);
  // Without a plan, the company's only plan (a single-company installation's) is printed, as FUNDING_* were.
  const plans = plan ? [plan] : await listPlans(d, scope);
  const file = sessionsExport(d, {
    filter: sessionsFilter(scope, q),
    funding: fundingOf(plans.length === 1 ? plans[0] : null),
    filters: { course: q.course, plan: q.plan, from: q.from, to: q.to },
    format,
    separator: q.sep,
    actor,
  });
  return exportResponse(file);
});

import { z } from "zod";
import { db } from "@/db/client";
import { notFoundJson, withScope } from "@/lib/auth/guards";
import { getPlan } from "@/db/queries/plans";
import { certificatesZipStream } from "@/lib/certificates/zip";
import { badRequest } from "@/lib/http";
import { CertificatesZipQuerySchema, searchParamsObject } from "@/lib/reports/filters";
import { romeDayEnd, romeDayStart } from "@/lib/reports/format";
import { reportCourse } from "@/lib/reports/register";

/**
 * GET /api/admin/certificates.zip?course=<slug>&department=&from=&to= — every certificate of
 * the course (completion date between from and to, Rome days, inclusive) as PDFs plus
 * `indice.csv`, streamed. Admins only; recorded as an `admin.export` audit event.
 */
export const GET = withScope("reports:export", async (req, { user, scope }) => {
  const parsed = CertificatesZipQuerySchema.safeParse(searchParamsObject(new URL(req.url).searchParams));
  if (!parsed.success) return badRequest(parsed.error);
  const q = parsed.data;
  const d = db();
  if (typeof q.plan === "number" && !await getPlan(d, scope, q.plan)) return notFoundJson("No such plan.");
  if (!await reportCourse(d, scope, q.course)) {
    return badRequest(new z.ZodError([{ code: "custom", path: ["course"], message: `unknown course "${q.course}"`, input: q.course }]));
  }
  const body = certificatesZipStream(d, {
    filter: {
      scope,
      plan: q.plan,
      courseSlug: q.course,
      department: q.department,
      completedFrom: q.from ? romeDayStart(q.from) : undefined,
      completedBefore: q.to ? romeDayEnd(q.to) : undefined,
    },
    filters: { plan: q.plan === undefined ? undefined : String(q.plan), department: q.department, from: q.from, to: q.to },
    actor: { userId: user.id, sessionId: user.sessionId },
  });
  return new Response(body, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="attestati-${q.course}${q.plan === undefined ? "" : `-piano-${q.plan}`}.zip"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});

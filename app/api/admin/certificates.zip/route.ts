import { z } from "zod";
import { db } from "@/db/client";
import { withPermission } from "@/lib/auth/guards";
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
export const GET = withPermission("reports:export", (req, { user }) => {
  const parsed = CertificatesZipQuerySchema.safeParse(searchParamsObject(new URL(req.url).searchParams));
  if (!parsed.success) return badRequest(parsed.error);
  const q = parsed.data;
  const d = db();
  if (!reportCourse(d, q.course)) {
    return badRequest(new z.ZodError([{ code: "custom", path: ["course"], message: `unknown course "${q.course}"`, input: q.course }]));
  }
  const body = certificatesZipStream(d, {
    filter: {
      courseSlug: q.course,
      department: q.department,
      completedFrom: q.from ? romeDayStart(q.from) : undefined,
      completedBefore: q.to ? romeDayEnd(q.to) : undefined,
    },
    filters: { department: q.department, from: q.from, to: q.to },
    actor: { userId: user.id, sessionId: user.sessionId },
  });
  return new Response(body, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="attestati-${q.course}.zip"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});

import { workingCompanyId } from "@/lib/auth/scope";
import { NextResponse } from "next/server";
import { db } from "@/db/client";
import { withPermission } from "@/lib/auth/guards";
import { canForCourse } from "@/lib/auth/permissions";
import { clearCatalogCache } from "@/lib/content/catalog";
import { SlugSchema } from "@/lib/content/names";
import { badRequest } from "@/lib/http";
import { LmsExportError } from "@/lib/lms-export/errors";
import { packageFileName } from "@/lib/lms-export/formats";
import { LmsExportQuerySchema } from "@/lib/lms-export/options";
import { buildLmsPackage, type LmsPackage } from "@/lib/lms-export/package";
import { lmsPackageZipWeb } from "@/lib/lms-export/zip";
import { searchParamsObject } from "@/lib/reports/filters";

/** One export at a time: each takes a worker process and a few seconds of CPU. */
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * GET /api/trainer/courses/<course>/lms-package?format=scorm12|scorm2004|cmi5&locale=it|en —
 * the course as a SCORM or cmi5 package (the same ZIP as `npm run export:lms`). Trainers and
 * admins only: the package holds the answer key. The policy is filled with the user's company's texts. 404 for an unknown or draft course, 422 when
 * the course cannot be exported as it is (e.g. the policy still has placeholders), with the reason.
 */
export const GET = withPermission<{ course: string }>("content:export", async (req, { user, params }) => {
  const slug = SlugSchema.safeParse(params.course);
  if (!slug.success || !canForCourse(user, "content:export", slug.data)) return NextResponse.json({ error: "not_found", message: "There is no such course." }, { status: 404 });
  const parsed = LmsExportQuerySchema.safeParse(searchParamsObject(new URL(req.url).searchParams));
  if (!parsed.success) return badRequest(parsed.error);
  const { format, locale } = parsed.data;
  let pkg: LmsPackage;
  try {
    pkg = await oneAtATime(() => {
      // The files as they are now, like the trainer's content page.
      clearCatalogCache();
      return buildLmsPackage({ courseSlug: slug.data, format, locale, policy: { d: db(), companyId: workingCompanyId(user) } });
    });
  } catch (e) {
    if (e instanceof LmsExportError) {
      const status = e.code === "not_found" || e.code === "not_published" ? 404 : 422;
      return NextResponse.json({ error: e.code, message: e.message }, { status });
    }
    throw e;
  }
  return new Response(lmsPackageZipWeb(pkg), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${packageFileName(slug.data, format, locale)}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});

/**
 * `npm run export:lms -- --course <slug> --format scorm12|scorm2004|cmi5 --locale it|en [--out file.zip]`:
 * writes the course as an LMS package (lib/lms-export). Exit 1 with the reason when the course
 * cannot be exported (unknown or draft course, content errors, a policy with unfilled placeholders).
 * The policy is filled with the company texts of the installation's first company, in the PostgreSQL
 * database at DATABASE_URL, else the SQLite file DATABASE_PATH.
 */
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { openEngine } from "@/db/engine/open";
import { env } from "@/lib/env";
import { LmsExportError } from "@/lib/lms-export/errors";
import { packageFileName } from "@/lib/lms-export/formats";
import { LmsExportCliSchema } from "@/lib/lms-export/options";
import { buildLmsPackage } from "@/lib/lms-export/package";
import { lmsPackageZip } from "@/lib/lms-export/zip";

const USAGE = "usage: npm run export:lms -- --course <slug> --format scorm12|scorm2004|cmi5 --locale it|en [--out file.zip]";

async function main(): Promise<number> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      options: { course: { type: "string" }, format: { type: "string" }, locale: { type: "string" }, out: { type: "string" } },
      strict: true,
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const parsed = LmsExportCliSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${issue.path.join(".")}: ${issue.message}`);
    console.error(USAGE);
    return 2;
  }
  const o = parsed.data;
  const started = Date.now();
  // The policy is filled with the texts of the installation's first company, as on /admin/company.
  const d = await openEngine({ url: env().DATABASE_URL, file: env().DATABASE_PATH });
  try {
    const pkg = await buildLmsPackage({ courseSlug: o.course, format: o.format, locale: o.locale, policy: { d, companyId: null } });
    const out = path.resolve(o.out ?? packageFileName(o.course, o.format, o.locale));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const tmp = `${out}.${process.pid}.tmp`;
    await pipeline(lmsPackageZip(pkg), fs.createWriteStream(tmp));
    fs.renameSync(tmp, out);
    const s = pkg.summary;
    console.log(
      `${out}: ${s.course} ${s.version}, ${s.format}, ${s.locale}; ${s.lessons} lessons, ${s.quizzes} quizzes, ${s.assets} images; ` +
        `${fs.statSync(out).size} bytes in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return 0;
  } catch (e) {
    if (e instanceof LmsExportError) {
      console.error(`Cannot export: ${e.message}`);
      return 1;
    }
    throw e;
  } finally {
    await d.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);

import { workingCompanyId } from "@/lib/auth/scope";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db/client";
import { requirePermission } from "@/lib/auth/guards";
import { canForCourse } from "@/lib/auth/permissions";
import { clearCatalogCache } from "@/lib/content/catalog";
import { finalBank, getCourse, publishedLessons } from "@/lib/content/lookup";
import { CONTENT_LOCALES, type ContentLocale } from "@/lib/content/names";
import { localized } from "@/lib/content/schemas";
import type { Locale } from "@/lib/i18n/locales";
import { LmsExportError } from "@/lib/lms-export/errors";
import { LMS_FORMAT_NAMES, LMS_FORMATS } from "@/lib/lms-export/formats";
import { exportPolicy, type PolicySource } from "@/lib/lms-export/policy";

type Props = { params: Promise<{ locale: string; course: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "lmsExport" }))("title") };
}

/** What keeps a language of the course from being exported now (the policy's placeholders), or null. */
async function policyProblem(requirePolicyAck: boolean, source: PolicySource, locale: ContentLocale): Promise<LmsExportError | null> {
  if (!requirePolicyAck) return null;
  try {
    await exportPolicy(source, locale);
    return null;
  } catch (e) {
    if (e instanceof LmsExportError) return e;
    throw e;
  }
}

/**
 * The LMS export of a course, for trainers and admins: what a SCORM or cmi5 package holds and
 * records, the warning that its answer key is in the browser, and the download (a GET form to
 * the route handler, which checks the permission again).
 */
export default async function LmsExportPage({ params }: Props) {
  const { locale: raw, course: slug } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const user = await requirePermission("content:export");
  clearCatalogCache();
  const course = getCourse(slug);
  if (!course || !canForCourse(user, "content:export", course.slug)) notFound();
  const t = await getTranslations("lmsExport");
  const lessons = publishedLessons(course);
  const final = finalBank(course) && course.finalTest;
  const source = { d: db(), companyId: workingCompanyId(user) };
  const problems = await Promise.all(CONTENT_LOCALES.map(async (l) => ({ locale: l, problem: await policyProblem(course.completion.requirePolicyAck, source, l) })));
  const exportable = problems.filter((p) => !p.problem).map((p) => p.locale);
  const published = course.status === "published" && lessons.length > 0;
  return (
    <main id="main">
      <p>
        <Link href="/trainer">← {t("backToContent")}</Link>
      </p>
      <h1>{t("title")}</h1>
      <p className="lesson__summary">{localized(course.title, locale)}</p>
      <p>{t("intro")}</p>
      <section className="alert alert--error" aria-labelledby="answer-key">
        <h2 id="answer-key">{t("answerKeyTitle")}</h2>
        <p>{t("answerKey")}</p>
      </section>
      <section aria-labelledby="records">
        <h2 id="records">{t("whatRecords")}</h2>
        <ul>
          {LMS_FORMATS.map((f) => (
            <li key={f}>{t(f)}</li>
          ))}
        </ul>
        <p className="muted">{t("oneSco")}</p>
      </section>
      <section aria-labelledby="rules">
        <h2 id="rules">{t("rules")}</h2>
        <ul>
          <li>{t("ruleLessons", { count: lessons.length })}</li>
          {course.completion.forcedSequence ? <li>{t("ruleSequence")}</li> : null}
          <li>{t("ruleAttendance", { percent: course.completion.attendanceThreshold, minutes: course.plannedMinutes })}</li>
          {final ? <li>{t("ruleFinal", { questions: final.questions, passMark: course.completion.passMark, maxAttempts: final.maxAttempts })}</li> : null}
          {course.completion.requirePolicyAck ? <li>{t("rulePolicy")}</li> : null}
        </ul>
      </section>
      {!published ? <p className="alert alert--error">{t("notPublished")}</p> : null}
      {problems.flatMap((p) =>
        p.problem ? [
          <p key={p.locale} className="alert alert--error" role="alert">
            {p.problem.code === "policy_placeholders"
              ? t("policyMissing", { language: t("languageName", { locale: p.locale }), placeholders: p.problem.details.join(", ") })
              : p.problem.message}
          </p>,
        ] : [],
      )}
      {published && exportable.length > 0 ? (
        <form method="get" action={`/api/trainer/courses/${encodeURIComponent(course.slug)}/lms-package`} className="card">
          <p>
            <label htmlFor="format">{t("format")}</label>
            <select id="format" name="format" defaultValue="scorm12">
              {LMS_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {LMS_FORMAT_NAMES[f]}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label htmlFor="locale">{t("language")}</label>
            <select id="locale" name="locale" defaultValue={exportable.includes(locale) ? locale : exportable[0]}>
              {exportable.map((l) => (
                <option key={l} value={l}>
                  {l === "it" ? t("italian") : t("english")}
                </option>
              ))}
            </select>
          </p>
          <p className="muted">{t("preparing")}</p>
          <button type="submit">{t("download")}</button>
        </form>
      ) : null}
    </main>
  );
}

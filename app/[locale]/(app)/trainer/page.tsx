import { workingCompanyId } from "@/lib/auth/scope";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { requirePermission } from "@/lib/auth/guards";
import { canForCourse } from "@/lib/auth/permissions";
import { clearCatalogCache, loadCatalog } from "@/lib/content/catalog";
import { formatProblem } from "@/lib/content/problems";
import { localized } from "@/lib/content/schemas";
import type { Locale } from "@/lib/i18n/locales";
import { db } from "@/db/client";
import { missingPlaceholders } from "@/lib/texts/company-texts";
import { DataTable } from "@/components/ui/data-table";

export async function generateMetadata({ params }: PageProps<"/[locale]/trainer">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "trainer" }))("title") };
}

/** Content status for trainers: every course and lesson (drafts too) and the problems found. */
export default async function TrainerHome({ params }: PageProps<"/[locale]/trainer">) {
  const { locale: raw } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const user = await requirePermission("content:preview");
  const t = await getTranslations("trainer");
  const tt = await getTranslations("companyTexts");
  const tx = await getTranslations("lmsExport");
  const missing = await missingPlaceholders(db(), workingCompanyId(user));
  const ta = await getTranslations("analytics");
  // Trainers see the files as they are now, not as they were when the server started.
  clearCatalogCache();
  const catalog = loadCatalog();
  // A trainer limited to some courses sees only those.
  const courses = catalog.courses.filter((c) => canForCourse(user, "content:preview", c.slug));
  const problems = catalog.problems;
  return (
    <main id="main">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <section aria-labelledby="problems" className="card">
        <h2 id="problems">{t("problems")}</h2>
        {problems.length === 0 ? (
          <p>{t("noProblems")}</p>
        ) : (
          <ul className="problem-list">
            {problems.map((p) => (
              <li key={formatProblem(p)} className={p.severity === "error" ? "alert--error" : undefined}>
                <code>{formatProblem(p)}</code>
                {p.hint ? <div className="muted">{p.hint}</div> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="texts-missing" className="card">
        <h2 id="texts-missing">{tt("trainerTitle")}</h2>
        <p className="muted">{tt("trainerIntro")}</p>
        {missing.length === 0 ? (
          <p>{tt("trainerNone")}</p>
        ) : (
          <ul>
            {missing.map((m) => (
              <li key={`${m.document}:${m.placeholder.key}`}>
                {tt("trainerRow", { label: m.placeholder.label[locale], document: tt(`document.${m.document}`) })} <code>{m.placeholder.token[locale]}</code>
              </li>
            ))}
          </ul>
        )}
      </section>
      {courses.length === 0 ? <p className="empty-state">{t("empty")}</p> : null}
      {courses.map((course) => (
        <section key={course.slug} aria-labelledby={`course-${course.slug}`}>
          <h2 id={`course-${course.slug}`}>
            {localized(course.title, locale)}{" "}
            <span className={course.status === "draft" ? "badge badge--draft" : "badge"}>{t(course.status)}</span>
          </h2>
          <p className="muted">
            {course.slug} · {t("version", { version: course.version })} · <Link href={`/trainer/analytics/${course.slug}`}>{ta("itemsTitle")}</Link>
          </p>
          <p>
            <Link href={`/trainer/lms-export/${course.slug}`}>{tx("linkFromContent")}</Link>
          </p>
          <DataTable columns={[t("lesson"), t("duration"), t("status"), t("languages")]}>
            {course.lessons.map((l) => {
              const fm = l.locales.it.frontmatter;
              return (
                <tr key={l.slug}>
                  <td data-label={t("lesson")}>
                    {String(l.number).padStart(2, "0")}.{" "}
                    <Link href={`/trainer/courses/${course.slug}/${l.slug}`}>{fm.title}</Link>
                  </td>
                  <td data-label={t("duration")}>{fm.duration} min</td>
                  <td data-label={t("status")}>
                    <span className={l.status === "draft" ? "badge badge--draft" : "badge"}>{t(l.status)}</span>
                  </td>
                  <td data-label={t("languages")}>
                    {l.locales.en ? t("bothLanguages") : `${t("italianOnly")} (${t("englishMissing")})`}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        </section>
      ))}
    </main>
  );
}

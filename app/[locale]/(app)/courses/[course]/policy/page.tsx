import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db/client";
import { isEnrolled } from "@/db/queries/enrolment";
import { hasAcknowledgedPolicy } from "@/db/queries/policy";
import { requirePermission } from "@/lib/auth/guards";
import { getCourse } from "@/lib/content/lookup";
import { paragraphs, socialMediaPolicy } from "@/lib/policy/policy";
import { renderCompanyDocument } from "@/lib/texts/company-texts";
import type { Locale } from "@/lib/i18n/locales";
import { acknowledgePolicyAction } from "./actions";
import { CourseLink } from "@/components/course/course-link";

type Props = { params: Promise<{ locale: string; course: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "policy" }))("pageTitle") };
}

/**
 * The company's social media policy, read and acknowledged at the end of the course. It is
 * shown only with every placeholder filled by the company: an unfinished template is refused,
 * and the admin sees what is missing on the company page.
 */
export default async function PolicyPage({ params }: Props) {
  const { locale: raw, course: courseSlug } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const user = await requirePermission("courses:learn");
  const d = db();
  const course = getCourse(courseSlug);
  const policy = socialMediaPolicy();
  if (!course || course.status !== "published" || !policy || !await isEnrolled(d, user.id, course.slug)) notFound();
  const t = await getTranslations("policy");
  const rendered = (await renderCompanyDocument(d, "policy", user.companyId, locale))!;
  const back = (
    <p>
      <CourseLink courseSlug={course.slug}>← {t("backToCourse")}</CourseLink>
    </p>
  );
  if (!rendered.ok) {
    return (
      <main id="main" className="lesson-page">
        {back}
        <h1>{t("pageTitle")}</h1>
        <div className="alert alert--info" role="status">
          <p>{t("notReady")}</p>
          <p>{t("notReadyNext")}</p>
        </div>
      </main>
    );
  }
  const text = rendered.doc;
  const done = await hasAcknowledgedPolicy(d, user.id, policy.version);
  return (
    <main id="main" className="lesson-page">
      {back}
      <h1>{text.title}</h1>
      <p className="muted">{t("version", { version: policy.version })}</p>
      {text.intro ? paragraphs(text.intro).map((p) => <p key={p} className="lesson__summary">{p}</p>) : null}
      {text.sections.map((s) => (
        <section key={s.heading}>
          <h2>{s.heading}</h2>
          {paragraphs(s.body).map((p) => (
            <p key={p}>{p}</p>
          ))}
        </section>
      ))}
      {done ? (
        <p className="alert alert--ok">{t("acknowledged")}</p>
      ) : (
        <form action={acknowledgePolicyAction} className="card">
          <input type="hidden" name="courseSlug" value={course.slug} />
          <input type="hidden" name="version" value={policy.version} />
          <input type="hidden" name="textHash" value={rendered.hash} />
          <input type="hidden" name="locale" value={locale} />
          <p>{t("why")}</p>
          <button type="submit">{text.acknowledge}</button>
        </form>
      )}
    </main>
  );
}

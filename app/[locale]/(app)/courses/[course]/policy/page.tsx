import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db/client";
import { isEnrolled } from "@/db/queries/enrolment";
import { hasAcknowledgedPolicy } from "@/db/queries/policy";
import { requirePermission } from "@/lib/auth/guards";
import { getCourse } from "@/lib/content/lookup";
import { paragraphs, policyText, socialMediaPolicy } from "@/lib/policy/policy";
import type { Locale } from "@/lib/i18n/locales";
import { acknowledgePolicyAction } from "./actions";

type Props = { params: Promise<{ locale: string; course: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const policy = socialMediaPolicy();
  return policy ? { title: policyText(policy, locale as Locale).title } : {};
}

/** The company's social media policy, read and acknowledged at the end of the course. */
export default async function PolicyPage({ params }: Props) {
  const { locale: raw, course: courseSlug } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const user = await requirePermission("courses:learn");
  const course = getCourse(courseSlug);
  const policy = socialMediaPolicy();
  if (!course || course.status !== "published" || !policy || !isEnrolled(db(), user.id, course.slug)) notFound();
  const text = policyText(policy, locale);
  const t = await getTranslations("policy");
  const done = hasAcknowledgedPolicy(db(), user.id, policy.version);
  return (
    <main id="main" className="lesson-page">
      <p>
        <Link href={`/courses/${course.slug}`}>← {t("backToCourse")}</Link>
      </p>
      <h1>{text.title}</h1>
      <p className="muted">{t("version", { version: policy.version })}</p>
      <p className="lesson__summary">{text.intro}</p>
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
          <p>{t("why")}</p>
          <button type="submit">{text.acknowledge}</button>
        </form>
      )}
    </main>
  );
}

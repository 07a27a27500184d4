import type { Metadata } from "next";
import Link from "next/link";
import { elideDay } from "@/lib/i18n/elision";
import { connection } from "next/server";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db/client";
import { verifyCertificate } from "@/lib/certificates/load";
import { getCourse } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import type { Locale } from "@/lib/i18n/locales";
import { formatHoursMinutes } from "@/lib/reports/format";
import { PublicHeader } from "@/components/shell/public-header";
import { VerifyForm } from "../_components/verify-form";
import "@/components/reports/reports.css";

export async function generateMetadata({ params }: PageProps<"/[locale]/verify/[code]">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "verify" }))("resultTitle"), robots: { index: false, follow: false } };
}

/**
 * Public verification of a certificate (the QR code's target; no sign-in). Shows whether it is
 * valid (until when, if it expires), expired (since when) or revoked (with date and reason) and
 * what it certifies — course, learner's name, completion date and hours — but never the codice
 * fiscale; beside one that is no longer valid, the same person's current certificate of the
 * course, if any (recertification). Malformed and unknown codes get the same "not found"
 * answer. Rendered per request: a revocation or an expiry shows at once.
 */
export default async function VerifyCodePage({ params }: PageProps<"/[locale]/verify/[code]">) {
  const { locale: raw, code: rawCode } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  await connection();
  const t = await getTranslations("verify");
  const tc = await getTranslations("verifyCycles");
  const format = await getFormatter();
  const typed = rawCode.slice(0, 40);
  const found = await verifyCertificate(db(), typed);
  const cert = found?.cert;
  const course = cert ? getCourse(cert.courseSlug) : null;
  const day = (s: number) => format.dateTime(new Date(s * 1000), { dateStyle: "long" });
  const dated = (s: number) => ({ date: day(s), elide: elideDay(new Date(s * 1000)) });
  const heading = { valid: t("valid"), expired: tc("expired"), revoked: t("revoked") };

  return (
    <>
      <PublicHeader />
      <main id="main" className="verify-page">
        <h1>{t("title")}</h1>
        {found && cert ? (
          <section className={`card verify-result verify-result--${found.status}`} aria-labelledby="result" data-status={found.status}>
            <h2 id="result">{heading[found.status]}</h2>
            <p>
              {cert.revokedAt !== null
                ? t("revokedText", dated(cert.revokedAt))
                : cert.expiresAt === null
                  ? t("validText")
                  : tc(found.status === "expired" ? "expiredText" : "validUntilText", dated(cert.expiresAt))}
            </p>
            <dl>
              {cert.revokedAt !== null && cert.revokedReason ? (
                <>
                  <dt>{t("reason")}</dt>
                  <dd>{cert.revokedReason}</dd>
                </>
              ) : null}
              <dt>{t("code")}</dt>
              <dd>{cert.code}</dd>
              <dt>{t("learner")}</dt>
              <dd>{`${cert.firstName} ${cert.lastName}`}</dd>
              <dt>{t("course")}</dt>
              <dd>{course ? localized(course.title, locale) : cert.courseSlug}</dd>
              <dt>{t("completedAt")}</dt>
              <dd>{day(cert.completedAt)}</dd>
              {cert.expiresAt !== null ? (
                <>
                  <dt>{tc("expiresAt")}</dt>
                  <dd>{day(cert.expiresAt)}</dd>
                </>
              ) : null}
              <dt>{t("hours")}</dt>
              <dd>
                {t("hoursValue", {
                  attended: formatHoursMinutes(cert.activeSeconds),
                  planned: formatHoursMinutes(cert.plannedMinutes * 60),
                  percent: format.number(cert.attendancePercent, { maximumFractionDigits: 1 }),
                })}
              </dd>
              {cert.companyName ? (
                <>
                  <dt>{t("issuer")}</dt>
                  <dd>{cert.companyName}</dd>
                </>
              ) : null}
            </dl>
            {found.current ? (
              <div className="verify-current" data-current={found.current.code}>
                <h3>{tc("current")}</h3>
                <p>
                  {tc("currentText")}{" "}
                  <Link href={`/verify/${found.current.code}`}>{tc("currentLink", { code: found.current.code })}</Link>
                  {found.current.expiresAt !== null ? ` (${tc("currentUntil", dated(found.current.expiresAt))})` : null}
                </p>
              </div>
            ) : null}
          </section>
        ) : (
          <section className="card verify-result verify-result--not-found" aria-labelledby="result" data-status="not-found">
            <h2 id="result">{t("notFound")}</h2>
            <p>{t("notFoundText", { code: typed })}</p>
          </section>
        )}
        <section aria-labelledby="another">
          <h2 id="another">{t("checkAnother")}</h2>
          <VerifyForm headingId="another" />
        </section>
      </main>
    </>
  );
}

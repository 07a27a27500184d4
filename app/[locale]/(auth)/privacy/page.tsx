import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { paragraphs } from "@/lib/policy/policy";
import { privacyNotice } from "@/lib/privacy/notice";
import { renderCompanyDocument } from "@/lib/texts/company-texts";
import { SiteHeader } from "@/components/shell/site-header";
import type { Locale } from "@/lib/i18n/locales";
import { acknowledgePrivacyAction } from "./actions";

export async function generateMetadata({ params }: PageProps<"/[locale]/privacy">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "privacy" }))("pageTitle") };
}

/**
 * The privacy notice every user acknowledges at first sign-in (and again when its version
 * changes), with the company's details filled in. A notice with a blank is never shown: the
 * learner is told it is not ready; an admin is sent to fill it in.
 */
export default async function PrivacyPage({ params }: PageProps<"/[locale]/privacy">) {
  const { locale: raw } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const user = await requireUser();
  const notice = privacyNotice();
  const t = await getTranslations("privacy");
  const rendered = (await renderCompanyDocument(db(), "notice", user.companyId, locale))!;
  const acknowledged = user.privacyVersion === notice.version;
  if (!rendered.ok) {
    const admin = can(user, "people:manage");
    return (
      <>
        <SiteHeader user={user} />
        <main id="main" className="lesson-page">
          <h1>{t("pageTitle")}</h1>
          <div className="alert alert--info" role="status">
            <p>{admin ? t("notReadyAdmin") : t("notReady")}</p>
            {admin ? (
              <p>
                <Link href="/admin/company#texts">{t("fillIn")}</Link>
              </p>
            ) : null}
          </div>
        </main>
      </>
    );
  }
  const text = rendered.doc;
  return (
    <>
      <SiteHeader user={user} />
      <main id="main" className="lesson-page">
        <h1>{text.title}</h1>
        <p className="muted">{t("version", { version: notice.version })}</p>
        {text.sections.map((s) => (
          <section key={s.heading}>
            <h2>{s.heading}</h2>
            {paragraphs(s.body).map((p) => (
              <p key={p}>{p}</p>
            ))}
          </section>
        ))}
        {acknowledged ? (
          <p className="alert alert--ok">{t("alreadyAcknowledged")}</p>
        ) : (
          <form action={acknowledgePrivacyAction} className="card">
            <input type="hidden" name="version" value={notice.version} />
            <input type="hidden" name="textHash" value={rendered.hash} />
            <input type="hidden" name="locale" value={locale} />
            <p>{t("why")}</p>
            <button type="submit">{text.acknowledge}</button>
          </form>
        )}
      </main>
    </>
  );
}

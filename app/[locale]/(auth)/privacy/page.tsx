import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { requireUser } from "@/lib/auth/guards";
import { noticeText, privacyNotice } from "@/lib/privacy/notice";
import { SiteHeader } from "@/components/shell/site-header";
import type { Locale } from "@/lib/i18n/locales";
import { acknowledgePrivacyAction } from "./actions";

export async function generateMetadata({ params }: PageProps<"/[locale]/privacy">): Promise<Metadata> {
  const { locale } = await params;
  return { title: noticeText(locale as Locale).title };
}

/** The privacy notice every user acknowledges at first sign-in (and again when its version changes). */
export default async function PrivacyPage({ params }: PageProps<"/[locale]/privacy">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requireUser();
  const notice = privacyNotice();
  const text = noticeText(locale as Locale);
  const t = await getTranslations("privacy");
  const acknowledged = user.privacyVersion === notice.version;
  return (
    <>
      <SiteHeader user={user} />
      <main id="main" className="lesson-page">
        <h1>{text.title}</h1>
        <p className="muted">{t("version", { version: notice.version })}</p>
        {text.sections.map((s) => (
          <section key={s.heading}>
            <h2>{s.heading}</h2>
            <p>{s.body}</p>
          </section>
        ))}
        {acknowledged ? (
          <p className="alert alert--ok">{t("alreadyAcknowledged")}</p>
        ) : (
          <form action={acknowledgePrivacyAction} className="card">
            <input type="hidden" name="version" value={notice.version} />
            <p>{t("why")}</p>
            <button type="submit">{text.acknowledge}</button>
          </form>
        )}
      </main>
    </>
  );
}

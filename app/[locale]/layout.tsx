import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { BASE_NAMESPACES, pickMessages } from "@/lib/i18n/client-messages";
import { isLocale, LOCALES } from "@/lib/i18n/locales";
import "../globals.css";

export function generateStaticParams() {
  return LOCALES.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: LayoutProps<"/[locale]">): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "app" });
  return { title: { default: t("name"), template: `%s · ${t("name")}` }, description: t("tagline") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/**
 * The root layout stays static (no cookies, no session): pages that must be fast, such as
 * lessons, can be prerendered. Session-dependent chrome lives in the `(app)` group layout.
 */
export default async function LocaleLayout({ children, params }: LayoutProps<"/[locale]">) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  setRequestLocale(locale);
  const t = await getTranslations("app");
  const tf = await getTranslations("footer");
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">
          {t("skipToContent")}
        </a>
        {/* Only what client components use reaches the browser; areas add theirs (lib/i18n/client-messages.ts). */}
        <NextIntlClientProvider messages={pickMessages(await getMessages(), BASE_NAMESPACES)}>{children}</NextIntlClientProvider>
        <footer className="site-footer">
          <div className="site-footer__inner">{tf("text")}</div>
        </footer>
      </body>
    </html>
  );
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { normaliseCertificateCode } from "@/lib/certificates/code";
import { PublicHeader } from "@/components/shell/public-header";
import { VerifyForm } from "./_components/verify-form";
import "@/components/reports/reports.css";

export async function generateMetadata({ params }: PageProps<"/[locale]/verify">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "verify" }))("title"), robots: { index: false } };
}

/** Public: the form to type a certificate number. With `?code=` it goes to that code's page. */
export default async function VerifyIndexPage({ params, searchParams }: PageProps<"/[locale]/verify">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const sp = await searchParams;
  const raw = typeof sp.code === "string" ? sp.code.trim().slice(0, 40) : "";
  if (raw) redirect(`/verify/${encodeURIComponent(normaliseCertificateCode(raw) ?? raw)}`);
  const t = await getTranslations("verify");
  return (
    <>
      <PublicHeader />
      <main id="main" className="verify-page">
        <h1 id="verify-title">{t("title")}</h1>
        <p>{t("intro")}</p>
        <div className="card">
          <VerifyForm headingId="verify-title" />
        </div>
      </main>
    </>
  );
}

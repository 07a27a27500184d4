import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db/client";
import { requirePermission } from "@/lib/auth/guards";
import { getCompany } from "@/lib/people/profile";
import { saveCompanyAction } from "./actions";
import { CompanyForm } from "./company-form";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/company">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "admin.company" }))("title") };
}

/** The company record printed on registers and certificates. */
export default async function CompanyPage({ params }: PageProps<"/[locale]/admin/company">) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requirePermission("people:manage");
  const t = await getTranslations("admin.company");
  const c = getCompany(db());
  return (
    <main id="main" className="narrow-wide">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <CompanyForm
        action={saveCompanyAction}
        company={{ name: c?.name ?? "", taxCode: c?.taxCode ?? null, inpsNumber: c?.inpsNumber ?? null, city: c?.city ?? null, signerName: c?.signerName ?? null, signerRole: c?.signerRole ?? null }}
      />
    </main>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { FUNDS } from "@/db/schema";
import { requirePermission } from "@/lib/auth/guards";
import { publishedCourses } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import type { Locale } from "@/lib/i18n/locales";
import { createCompanyAction } from "./actions";
import { NewCompanyForm } from "./new-company-form";
import "@/components/admin/companies.css";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/companies/new">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "companiesUi.new" }))("title") };
}

/** A new client company in three steps — details, plan, people — saved together or not at all. */
export default async function NewCompanyPage({ params }: PageProps<"/[locale]/admin/companies/new">) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requirePermission("companies:manage");
  const t = await getTranslations("companiesUi.new");
  return (
    <main id="main" className="narrow-wide">
      <p>
        <Link href="/admin/companies">← {t("back")}</Link>
      </p>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <NewCompanyForm action={createCompanyAction} funds={[...FUNDS]} courses={publishedCourses().map((c) => ({ slug: c.slug, title: localized(c.title, locale as Locale) }))} />
    </main>
  );
}

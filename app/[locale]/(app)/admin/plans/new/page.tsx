import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { requireScope } from "@/lib/auth/guards";
import type { Locale } from "@/lib/i18n/locales";
import { savePlanAction } from "../actions";
import { PlanForm } from "../plan-form";
import { courseOptions, EMPTY_PLAN, FUND_OPTIONS } from "../_components/plan-values";
import "../plans.css";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/plans/new">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "plans" }))("new") };
}

/** A new training plan of the company the admin works in. */
export default async function NewPlanPage({ params }: PageProps<"/[locale]/admin/plans/new">) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireScope("company:manage");
  const t = await getTranslations("plans");
  return (
    <main id="main" className="narrow-wide">
      <p>
        <Link href="/admin/plans">← {t("back")}</Link>
      </p>
      <h1>{t("new")}</h1>
      <p className="muted">{t("newIntro")}</p>
      <PlanForm planId={0} plan={EMPTY_PLAN} action={savePlanAction} funds={FUND_OPTIONS} courses={courseOptions(locale as Locale)} />
    </main>
  );
}

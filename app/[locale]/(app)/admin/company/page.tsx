import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db/client";
import { requirePermission } from "@/lib/auth/guards";
import type { Locale } from "@/lib/i18n/locales";
import { companyFor, countMissingFields, missingPlaceholders, TEXT_MAX, textFields } from "@/lib/texts/company-texts";
import { saveCompanyAction, saveCompanyTextsAction } from "./actions";
import { CompanyForm } from "./company-form";
import { TextsForm, type TextFieldView } from "./texts-form";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/company">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "admin.company" }))("title") };
}

/** The company record printed on registers and certificates, and its texts for the policy and the privacy notice. */
export default async function CompanyPage({ params }: PageProps<"/[locale]/admin/company">) {
  const { locale: raw } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const user = await requirePermission("people:manage");
  const t = await getTranslations("admin.company");
  const tt = await getTranslations("companyTexts");
  const d = db();
  const c = companyFor(d, user.companyId);
  const { fields, fromRecord } = textFields(d, user.companyId);
  const missing = missingPlaceholders(d, user.companyId);
  const usedIn = (docs: ("policy" | "notice")[]) => tt("usedIn", { documents: docs.map((x) => tt(`document.${x}`)).join(", ") });
  const views: TextFieldView[] = fields.map((f) => {
    const label = f.placeholder.label[locale];
    return {
      name: f.name,
      label: f.locale === "it" ? tt("inItalian", { label }) : f.locale === "en" ? tt("inEnglish", { label }) : label,
      help: f.placeholder.help?.[locale] ?? null,
      input: f.placeholder.input,
      value: f.value,
      usedIn: usedIn(f.documents),
      max: TEXT_MAX[f.placeholder.input],
    };
  });
  const missingFromRecord = fromRecord.filter((r) => r.value === null);
  return (
    <main id="main" className="narrow-wide">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <CompanyForm
        action={saveCompanyAction}
        company={{ name: c?.name ?? "", taxCode: c?.taxCode ?? null, inpsNumber: c?.inpsNumber ?? null, city: c?.city ?? null, signerName: c?.signerName ?? null, signerRole: c?.signerRole ?? null }}
      />
      <section id="texts" aria-labelledby="texts-title">
        <h2 id="texts-title">{tt("title")}</h2>
        <p>{tt("intro")}</p>
        <p className={missing.length ? "alert alert--info" : "alert alert--ok"} role="status">
          {missing.length ? tt("stillMissing", { count: countMissingFields(missing) }) : tt("allFilled")}
        </p>
        {missingFromRecord.length ? (
          <ul>
            {missingFromRecord.map((r) => (
              <li key={r.placeholder.key}>
                {r.placeholder.label[locale]}: <span className="badge badge--off">{tt("empty")}</span> ({tt("fromRecord")})
              </li>
            ))}
          </ul>
        ) : null}
        <TextsForm fields={views} action={saveCompanyTextsAction} />
      </section>
    </main>
  );
}

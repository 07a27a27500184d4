import Link from "next/link";
import type { Metadata } from "next";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db/client";
import { requireScope } from "@/lib/auth/guards";
import { getCompanyLogo, listCompanyDomains } from "@/db/queries/companies";
import { getCompanyById } from "@/db/queries/company-texts";
import { getScimTokenInfo } from "@/db/queries/scim";
import { can } from "@/lib/auth/permissions";
import { scimBase } from "@/lib/scim/http";
import type { Locale } from "@/lib/i18n/locales";
import { countMissingFields, missingPlaceholders, TEXT_MAX, textFields } from "@/lib/texts/company-texts";
import { companyDepartmentTree, flattenTree } from "@/lib/departments/tree";
import { addDepartmentAction, createScimTokenAction, moveDepartmentAction, saveCompanyAction, saveCompanyTextsAction, saveLogoAction } from "./actions";
import { DepartmentForms } from "./department-forms";
import { DepartmentTree } from "./department-tree";
import "@/components/admin/admin-forms.css";
import { CompanyForm } from "./company-form";
import { LogoForm } from "./logo-form";
import { ScimTokenForm } from "./scim-token-form";
import { TextsForm, type TextFieldView } from "./texts-form";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/company">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "admin.company" }))("title") };
}

/**
 * The record of the company the admin works in (printed on registers, certificates and mails),
 * its logo, and its texts for the policy and the privacy notice.
 */
export default async function CompanyPage({ params }: PageProps<"/[locale]/admin/company">) {
  const { locale: raw } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const { user, scope } = await requireScope("company:manage");
  const t = await getTranslations("admin.company");
  const tt = await getTranslations("companyTexts");
  const tc = await getTranslations("companies");
  const d = db();
  const c = await getCompanyById(d, scope.companyId);
  const logo = await getCompanyLogo(d, scope.companyId);
  const tp = await getTranslations("plans.departments");
  const tpl = await getTranslations("plans");
  const tsso = await getTranslations("sso.admin");
  const tree = await companyDepartmentTree(d, scope.companyId);
  const { fields, fromRecord } = await textFields(d, scope.companyId);
  const missing = await missingPlaceholders(d, scope.companyId);
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
  const ts = await getTranslations("scim.panel");
  const format = await getFormatter();
  const scimToken = can(user, "scim:manage") ? await getScimTokenInfo(d, scope.companyId) : undefined;
  return (
    <main id="main" className="narrow-wide">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      {/* The plans live on their own pages; the header keeps one entry per area so it fits one line. */}
      <p>
        <Link className="button button--secondary" href="/admin/plans">
          {tpl("nav")}
        </Link>{" "}
        <Link className="button button--secondary" href="/admin/company/sso">
          {tsso("nav")}
        </Link>
      </p>
      <CompanyForm
        action={saveCompanyAction}
        company={{
          name: c?.name ?? "",
          taxCode: c?.taxCode ?? null,
          inpsNumber: c?.inpsNumber ?? null,
          address: c?.address ?? null,
          city: c?.city ?? null,
          legalRepresentative: c?.legalRepresentative ?? null,
          signerName: c?.signerName ?? null,
          signerRole: c?.signerRole ?? null,
          senderName: c?.senderName ?? null,
          replyTo: c?.replyTo ?? null,
          publicBaseUrl: c?.publicBaseUrl ?? null,
          emailDomains: (await listCompanyDomains(d, scope.companyId)).join("\n"),
        }}
      />
      <section id="logo" aria-labelledby="logo-title">
        <h2 id="logo-title">{tc("logoTitle")}</h2>
        <LogoForm action={saveLogoAction} logoSrc={logo ? `data:${logo.type};base64,${logo.bytes.toString("base64")}` : null} />
      </section>
      <section id="departments" aria-labelledby="departments-title">
        <h2 id="departments-title">{tp("title")}</h2>
        <p>{tp("intro")}</p>
        {tree.length ? <DepartmentTree nodes={tree} /> : <p className="empty-state">{tp("empty")}</p>}
        <DepartmentForms
          add={addDepartmentAction}
          move={moveDepartmentAction}
          departments={flattenTree(tree).map((n) => ({ value: String(n.id), label: `${"\u2003".repeat(n.depth)}${n.name}` }))}
        />
      </section>
      {can(user, "scim:manage") ? (
        <section id="scim" aria-labelledby="scim-title">
          <h2 id="scim-title">{ts("title")}</h2>
          <p>{ts("intro")}</p>
          <div className="field">
            <label htmlFor="scim-url">{ts("urlLabel")}</label>
            <input id="scim-url" type="text" readOnly value={scimBase()} spellCheck={false} />
          </div>
          <p role="status">
            {!scimToken
              ? ts("noToken")
              : scimToken.createdBy
                ? ts("tokenSince", { date: format.dateTime(scimToken.createdAt, { dateStyle: "long" }), name: scimToken.createdBy })
                : ts("tokenSinceCommand", { date: format.dateTime(scimToken.createdAt, { dateStyle: "long" }) })}
          </p>
          <ScimTokenForm action={createScimTokenAction} hasToken={scimToken !== undefined} />
        </section>
      ) : null}
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

import { workingCompanyId } from "@/lib/auth/scope";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations, setRequestLocale } from "next-intl/server";
import { redirect } from "next/navigation";
import { db } from "@/db/client";
import { requireUser } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { privacyNotice } from "@/lib/privacy/notice";
import { countMissingFields, missingPlaceholders } from "@/lib/texts/company-texts";
import { listCompanies } from "@/db/queries/companies";
import { CompanyBar } from "@/components/shell/company-bar";
import { SiteHeader } from "@/components/shell/site-header";
import { LEARNER_NAMESPACES, pickMessages, STAFF_NAMESPACES } from "@/lib/i18n/client-messages";
import "@/components/shell/site-notice.css";

/** Signed-in area: every page below still checks its own permission on the server. */
export default async function AppLayout({ children, params }: LayoutProps<"/[locale]">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requireUser();
  const admin = can(user, "company:manage");
  // Admins are told what the policy and the notice still lack (learners cannot be shown them until then).
  const missing = admin ? await missingPlaceholders(db(), workingCompanyId(user)) : [];
  // Statuto dei Lavoratori art. 4: nobody is tracked before being told how. An admin may pass
  // while the notice still has blanks, so that someone can fill them in.
  if (user.privacyVersion !== privacyNotice().version && !(admin && missing.some((m) => m.document === "notice"))) redirect("/privacy");
  const t = await getTranslations("companyTexts");
  return (
    <>
      <SiteHeader user={user} />
      {/* A provider admin works in one company at a time: every page says which. */}
      {can(user, "companies:manage") ? <CompanyBar companies={await listCompanies(db())} currentId={user.scope?.companyId ?? null} /> : null}
      {missing.length ? (
        <div className="site-notice" role="status">
          <p>
            {t("bannerMissing", { count: countMissingFields(missing) })} <Link href="/admin/company#texts">{t("bannerAction")}</Link>
          </p>
        </div>
      ) : null}
      {/* Learners' pages carry only their own client texts; staff pages their forms' too. */}
      <NextIntlClientProvider messages={pickMessages(await getMessages(), user.roles.some((r) => r !== "learner") ? STAFF_NAMESPACES : LEARNER_NAMESPACES)}>
        {children}
      </NextIntlClientProvider>
    </>
  );
}

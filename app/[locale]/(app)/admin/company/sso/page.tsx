import Link from "next/link";
import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db/client";
import { requireScope } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { siteOrigin } from "@/lib/account/tokens";
import { ssoProviderId, ssoSettingsView } from "@/lib/sso/settings";
import { saveSsoAction } from "./actions";
import { SsoForm } from "./sso-form";
import "@/components/admin/admin-forms.css";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/company/sso">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "sso.admin" }))("title") };
}

/**
 * The company's single sign-on: its identity provider, the values to paste into it, and the
 * rules (accounts created at the first sign-in, passwords off for learners). The client secret is
 * never sent back to the browser, only whether one is stored.
 */
export default async function SsoSettingsPage({ params }: PageProps<"/[locale]/admin/company/sso">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { scope } = await requireScope("company:manage");
  const t = await getTranslations("sso.admin");
  const view = await ssoSettingsView(db(), scope.companyId);
  const origin = (env().AUTH_URL ?? siteOrigin()).replace(/\/+$/, "");
  const redirectUri = `${origin}/api/auth/callback/${ssoProviderId(scope.companyId)}`;
  return (
    <main id="main" className="narrow-wide">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <p className={view.enabled ? "alert alert--ok" : "alert alert--info"} role="status">
        {view.enabled ? t("status.on") : t("status.off")}
      </p>
      <section className="card" aria-labelledby="sso-redirect-title">
        <h2 id="sso-redirect-title">{t("redirectLegend")}</h2>
        <dl>
          <dt>{t("redirectUri")}</dt>
          <dd>
            <code>{redirectUri}</code>
          </dd>
          <dt>{t("scopes")}</dt>
          <dd>
            <code>openid email profile</code>
          </dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="sso-domains-title">
        <h2 id="sso-domains-title">{t("domainsLegend")}</h2>
        {view.domains.length ? (
          <>
            <p>{t("domainsIntro")}</p>
            <ul>
              {view.domains.map((d) => (
                <li key={d}>
                  <code>{d}</code>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="alert alert--info">{t("domainsNone")}</p>
        )}
        <p>
          <Link href="/admin/company">{t("domainsEdit")}</Link>
        </p>
      </section>
      <SsoForm action={saveSsoAction} view={view} />
    </main>
  );
}

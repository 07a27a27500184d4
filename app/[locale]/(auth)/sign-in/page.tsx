import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";
import { landingPath } from "@/lib/auth/roles";
import { safeLocalPath } from "@/lib/safe-path";
import { AccountShell } from "@/components/shell/account-shell";
import { SignInForm } from "./sign-in-form";
import { SSO_REFUSALS, type SsoRefusal } from "@/lib/sso/sign-in";
import { providerSignOutUrl } from "@/lib/sso/sign-out";

export async function generateMetadata({ params }: PageProps<"/[locale]/sign-in">): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "signIn" });
  return { title: t("title") };
}

export default async function SignInPage({ params, searchParams }: PageProps<"/[locale]/sign-in">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await getCurrentUser();
  if (user) redirect(landingPath(user.roles, user.grants));
  const sp = await searchParams;
  const raw = typeof sp.callbackUrl === "string" ? sp.callbackUrl : undefined;
  const callbackUrl = raw ? safeLocalPath(raw, "") || undefined : undefined;
  const t = await getTranslations("signIn");
  const tAccount = await getTranslations("account");
  const ts = await getTranslations("sso");
  const refusal = typeof sp.sso_error === "string" && (SSO_REFUSALS as readonly string[]).includes(sp.sso_error) ? (sp.sso_error as SsoRefusal) : null;
  const passwordFirst = sp.password === "1";
  const providerSignOut = typeof sp.signed_out === "string" ? await providerSignOutUrl(sp.signed_out) : null;
  return (
    <AccountShell title={t("title")} backToSignIn={false}>
      {sp.notice === "password-set" ? (
        <p className="alert alert--ok" role="status">
          {tAccount("signInNotice.passwordSet")}
        </p>
      ) : null}
      {refusal ? (
        <div className="alert alert--error" role="alert">
          <p>
            <strong>{ts("refused.title")}</strong>
          </p>
          <p>{ts(`refused.${refusal}`)}</p>
        </div>
      ) : null}
      {providerSignOut ? (
        <div className="alert alert--info" role="status">
          <p>{ts("signIn.signedOut")}</p>
          <p>{ts("signIn.providerSignOut", { provider: providerSignOut.name })}</p>
          <p>
            <a href={providerSignOut.url}>{ts("signIn.providerSignOutLink")}</a>
          </p>
        </div>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} passwordFirst={passwordFirst} />
      <p>
        <Link href="/forgot-password">{t("forgot")}</Link>
      </p>
    </AccountShell>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";
import { landingPath } from "@/lib/auth/roles";
import { safeLocalPath } from "@/lib/safe-path";
import { AccountShell } from "@/components/shell/account-shell";
import { SignInForm } from "./sign-in-form";

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
  return (
    <AccountShell title={t("title")} backToSignIn={false}>
      {sp.notice === "password-set" ? (
        <p className="alert alert--ok" role="status">
          {tAccount("signInNotice.passwordSet")}
        </p>
      ) : null}
      <p className="muted">{t("intro")}</p>
      <SignInForm callbackUrl={callbackUrl} />
      <p>
        <Link href="/forgot-password">{t("forgot")}</Link>
      </p>
    </AccountShell>
  );
}

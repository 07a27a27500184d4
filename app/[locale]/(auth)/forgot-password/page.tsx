import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AccountShell } from "@/components/shell/account-shell";
import { RequestLinkForm } from "../reset-password/_components/request-link-form";
import { requestLinkAction } from "./actions";

export async function generateMetadata({ params }: PageProps<"/[locale]/forgot-password">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "account.forgot" }))("title") };
}

/** Public: asks for a password link by e-mail (same answer whether or not the address is registered). */
export default async function ForgotPasswordPage({ params }: PageProps<"/[locale]/forgot-password">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const t = await getTranslations("account.forgot");
  return (
    <AccountShell title={t("title")}>
      <p className="muted">{t("intro")}</p>
      <RequestLinkForm action={requestLinkAction} />
    </AccountShell>
  );
}

import type { Metadata } from "next";
import { connection } from "next/server";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db/client";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/account/password-rules";
import { linkState } from "@/lib/account/set-password";
import { AccountShell } from "@/components/shell/account-shell";
import { LinkProblem } from "../_components/link-problem";
import { SetPasswordForm } from "../_components/set-password-form";
import { resetPasswordAction } from "./actions";

export async function generateMetadata({ params }: PageProps<"/[locale]/reset-password/[token]">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "account.reset" }))("title"), robots: { index: false, follow: false } };
}

/** Public: the page a reset mail links to. Rendered per request: a used link must show as used at once. */
export default async function ResetPasswordPage({ params }: PageProps<"/[locale]/reset-password/[token]">) {
  const { locale, token } = await params;
  setRequestLocale(locale);
  await connection();
  const state = await linkState(db(), token, "reset");
  if (state.status !== "valid") return <LinkProblem status={state.status} />;
  const t = await getTranslations("account.reset");
  return (
    <AccountShell title={t("title")}>
      <p className="muted">{t("intro", { email: state.user.email })}</p>
      <SetPasswordForm action={resetPasswordAction} token={token} email={state.user.email} minLength={PASSWORD_MIN_LENGTH} maxLength={PASSWORD_MAX_LENGTH} />
    </AccountShell>
  );
}

import type { Metadata } from "next";
import { connection } from "next/server";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { db } from "@/db/client";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/account/password-rules";
import { linkState } from "@/lib/account/set-password";
import { AccountShell } from "@/components/shell/account-shell";
import { LinkProblem } from "../../reset-password/_components/link-problem";
import { SetPasswordForm } from "../../reset-password/_components/set-password-form";
import { acceptInvitationAction } from "./actions";

export async function generateMetadata({ params }: PageProps<"/[locale]/invite/[token]">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "account.invite" }))("title"), robots: { index: false, follow: false } };
}

/** Public: the page an invitation links to, where the person chooses a first password. Rendered per request. */
export default async function InvitationPage({ params }: PageProps<"/[locale]/invite/[token]">) {
  const { locale, token } = await params;
  setRequestLocale(locale);
  await connection();
  const state = await linkState(db(), token, "invite");
  if (state.status !== "valid") return <LinkProblem status={state.status} />;
  const t = await getTranslations("account.invite");
  return (
    <AccountShell title={t("title")}>
      <p className="muted">{t("intro", { name: state.user.firstName, email: state.user.email })}</p>
      <SetPasswordForm action={acceptInvitationAction} token={token} email={state.user.email} minLength={PASSWORD_MIN_LENGTH} maxLength={PASSWORD_MAX_LENGTH} />
    </AccountShell>
  );
}

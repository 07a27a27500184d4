import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requestLinkAction } from "../../forgot-password/actions";
import { AccountShell } from "@/components/shell/account-shell";
import { RequestLinkForm } from "./request-link-form";

/** An expired, used or unknown link: say which, and offer a fresh one by e-mail. */
export async function LinkProblem({ status }: { status: "expired" | "used" | "invalid" }) {
  const t = await getTranslations("account.link");
  const tAccount = await getTranslations("account");
  const title = status === "expired" ? t("expiredTitle") : status === "used" ? t("usedTitle") : t("invalidTitle");
  return (
    <AccountShell title={title}>
      <p>{t("text")}</p>
      {status === "used" ? (
        <p>
          {t("usedHint")} <Link href="/sign-in">{tAccount("signIn")}</Link>
        </p>
      ) : null}
      <h2>{t("requestTitle")}</h2>
      <RequestLinkForm action={requestLinkAction} />
    </AccountShell>
  );
}

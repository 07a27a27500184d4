import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/lib/auth/sign-out-action";

/** The "Esci" button of both headers (signed-in pages and prerendered lesson pages). */
export async function SignOutForm() {
  const t = await getTranslations("nav");
  return (
    <form action={signOutAction}>
      <button type="submit" className="secondary">
        {t("signOut")}
      </button>
    </form>
  );
}

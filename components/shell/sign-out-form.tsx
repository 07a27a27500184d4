import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/lib/auth/sign-out-action";

/**
 * The "Esci" button of both headers. The prerendered pages (`prerendered`: lessons, course
 * pages) are served by route handlers, which cannot receive a server action: their form posts
 * to /api/sign-out instead.
 */
export async function SignOutForm({ prerendered = false }: { prerendered?: boolean }) {
  const t = await getTranslations("nav");
  return (
    <form {...(prerendered ? { action: "/api/sign-out", method: "post" } : { action: signOutAction })}>
      <button type="submit" className="secondary">
        {t("signOut")}
      </button>
    </form>
  );
}

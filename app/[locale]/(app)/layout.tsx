import { setRequestLocale } from "next-intl/server";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";
import { privacyNotice } from "@/lib/privacy/notice";
import { SiteHeader } from "@/components/shell/site-header";

/** Signed-in area: every page below still checks its own permission on the server. */
export default async function AppLayout({ children, params }: LayoutProps<"/[locale]">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requireUser();
  // Statuto dei Lavoratori art. 4: nobody is tracked before being told how.
  if (user.privacyVersion !== privacyNotice().version) redirect("/privacy");
  return (
    <>
      <SiteHeader user={user} />
      {children}
    </>
  );
}

import { setRequestLocale } from "next-intl/server";
import { requireUser } from "@/lib/auth/guards";
import { SiteHeader } from "@/components/shell/site-header";

/** Signed-in area: every page below still checks its own permission on the server. */
export default async function AppLayout({ children, params }: LayoutProps<"/[locale]">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requireUser();
  return (
    <>
      <SiteHeader user={user} />
      {children}
    </>
  );
}

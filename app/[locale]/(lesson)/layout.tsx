import { setRequestLocale } from "next-intl/server";
import { StaticHeader } from "@/components/shell/static-header";
import "@/components/mdx/mdx.css";

/**
 * Prerendered lesson pages: no cookies or session are read here (that would make them
 * dynamic). Who may see them is decided by the proxy before the HTML is served.
 */
export default async function LessonLayout({ children, params }: LayoutProps<"/[locale]">) {
  const { locale } = await params;
  setRequestLocale(locale);
  return (
    <>
      <StaticHeader />
      {children}
    </>
  );
}

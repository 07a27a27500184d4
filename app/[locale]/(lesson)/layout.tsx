import { setRequestLocale } from "next-intl/server";
import { StaticHeader } from "@/components/shell/static-header";
import "@/components/mdx/mdx.css";
// Exercises sit inside lesson bodies; the stylesheet is imported here because lesson bodies are
// also rendered outside Next (tests, the LMS export), where a CSS import cannot be loaded.
import "@/components/exercises/exercises.css";

/**
 * Prerendered lesson pages: no cookies or session are read here (that would make them
 * dynamic). Who may see them is decided by their route handler (app/courses/[course]/[lesson])
 * before it serves the HTML.
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

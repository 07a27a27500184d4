import { NextIntlClientProvider } from "next-intl";
import { getMessages, setRequestLocale } from "next-intl/server";
import { LEARNER_NAMESPACES, pickMessages } from "@/lib/i18n/client-messages";
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
      <NextIntlClientProvider messages={pickMessages(await getMessages(), LEARNER_NAMESPACES)}>{children}</NextIntlClientProvider>
    </>
  );
}

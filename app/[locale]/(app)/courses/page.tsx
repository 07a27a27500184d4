import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { requirePermission } from "@/lib/auth/guards";

export async function generateMetadata({ params }: PageProps<"/[locale]/courses">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "courses" }))("title") };
}

export default async function MyCoursesPage({ params }: PageProps<"/[locale]/courses">) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requirePermission("courses:learn");
  const t = await getTranslations("courses");
  return (
    <main id="main">
      <h1>{t("title")}</h1>
      <p className="empty-state">{t("empty")}</p>
    </main>
  );
}

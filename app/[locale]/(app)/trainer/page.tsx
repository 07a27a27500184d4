import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { requirePermission } from "@/lib/auth/guards";

export async function generateMetadata({ params }: PageProps<"/[locale]/trainer">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "trainer" }))("title") };
}

export default async function TrainerHome({ params }: PageProps<"/[locale]/trainer">) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requirePermission("content:preview");
  const t = await getTranslations("trainer");
  return (
    <main id="main">
      <h1>{t("title")}</h1>
      <p className="empty-state">{t("empty")}</p>
    </main>
  );
}

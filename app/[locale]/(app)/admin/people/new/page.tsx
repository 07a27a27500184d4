import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { requirePermission } from "@/lib/auth/guards";
import { saveProfileAction } from "../[id]/actions";
import { ProfileForm } from "../[id]/profile-form";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/people/new">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "admin.person" }))("new") };
}

/** A new person, by hand (the CSV import is for many at once). */
export default async function NewPersonPage({ params }: PageProps<"/[locale]/admin/people/new">) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requirePermission("people:manage");
  const t = await getTranslations("admin.person");
  return (
    <main id="main" className="narrow-wide">
      <p>
        <Link href="/admin/people">← {t("back")}</Link>
      </p>
      <h1>{t("new")}</h1>
      <ProfileForm
        action={saveProfileAction}
        person={{ id: 0, firstName: "", lastName: "", email: "", fiscalCode: null, department: null, qualification: null, contractType: null, roles: ["learner"] }}
      />
    </main>
  );
}

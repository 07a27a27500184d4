import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { requireScope } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { db } from "@/db/client";
import { listDepartments } from "@/db/queries/departments";
import { publishedCourses } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import type { Locale } from "@/lib/i18n/locales";
import { grantableRoles } from "@/lib/people/profile";
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
  const { user, scope } = await requireScope("people:manage");
  const t = await getTranslations("admin.person");
  return (
    <main id="main" className="narrow-wide">
      <p>
        <Link href="/admin/people">← {t("back")}</Link>
      </p>
      <h1>{t("new")}</h1>
      <ProfileForm
        action={saveProfileAction}
        person={{ id: 0, firstName: "", lastName: "", email: "", fiscalCode: null, department: null, qualification: null, contractType: null, roles: ["learner"], managedDepartment: null, trainerCourses: [] }}
        grantable={[...grantableRoles({ providerAdmin: can(user, "companies:manage") })]}
        departments={(await listDepartments(db(), scope.companyId)).map((dep) => dep.name)}
        courses={publishedCourses().map((c) => ({ slug: c.slug, title: localized(c.title, locale as Locale) }))}
      />
    </main>
  );
}

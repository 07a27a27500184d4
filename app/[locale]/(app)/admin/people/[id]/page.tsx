import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { getUserById, listRoles } from "@/db/queries/users";
import { requirePermission } from "@/lib/auth/guards";
import { saveProfileAction } from "./actions";
import { ProfileForm } from "./profile-form";

type Props = { params: Promise<{ locale: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };
const Id = z.coerce.number().int().positive();

function load(id: string) {
  const parsed = Id.safeParse(id);
  if (!parsed.success) return null;
  const person = getUserById(db(), parsed.data);
  return person ? { ...person, roles: listRoles(db(), person.id) } : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, id } = await params;
  const person = load(id);
  const t = await getTranslations({ locale, namespace: "admin.person" });
  return person ? { title: t("title", { name: `${person.firstName} ${person.lastName}` }) } : {};
}

/** An admin edits a person's record (the profile the learner sees on "Il mio percorso"). */
export default async function PersonPage({ params, searchParams }: Props) {
  const { locale, id } = await params;
  setRequestLocale(locale);
  await requirePermission("people:manage");
  const person = load(id);
  if (!person) notFound();
  const t = await getTranslations("admin.person");
  return (
    <main id="main" className="narrow-wide">
      <p>
        <Link href="/admin/people">← {t("back")}</Link>
      </p>
      <h1>{t("title", { name: `${person.firstName} ${person.lastName}` })}</h1>
      {(await searchParams).created === "1" ? (
        <p className="alert alert--ok" role="status">
          {t("created")}
        </p>
      ) : null}
      <ProfileForm
        action={saveProfileAction}
        person={{
          id: person.id,
          firstName: person.firstName,
          lastName: person.lastName,
          email: person.email,
          fiscalCode: person.fiscalCode,
          department: person.department,
          qualification: person.qualification,
          contractType: person.contractType,
          roles: person.roles,
        }}
      />
    </main>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { listPeople, PEOPLE_PAGE_SIZE } from "@/db/queries/users";
import { can } from "@/lib/auth/permissions";
import { requireScope } from "@/lib/auth/guards";
import { setActiveAction } from "./actions";
import { ActivationForm } from "./_components/activation-form";
import { DataTable, Pagination, Results } from "@/components/ui/data-table";
import { FilterInput } from "@/components/admin/filter-fields";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/people">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "admin.people" }))("title") };
}

const Query = z.object({
  q: z.string().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export default async function PeoplePage({ params, searchParams }: PageProps<"/[locale]/admin/people">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { user, scope } = await requireScope("people:read");
  const query = Query.parse(await searchParams);
  const { rows, total } = await listPeople(db(), scope, { q: query.q, page: query.page });
  const page = query.page ?? 1;
  const pages = Math.max(1, Math.ceil(total / PEOPLE_PAGE_SIZE));
  const t = await getTranslations("admin.people");
  const tRoles = await getTranslations("roles");
  const tImport = await getTranslations("import");
  const tPerson = await getTranslations("admin.person");
  const tEnrol = await getTranslations("enrol");
  const mayManage = can(user, "people:manage");
  const pageHref = (p: number) => `/admin/people?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), page: String(p) })}`;

  return (
    <main id="main">
      <h1>{t("title")}</h1>
      {mayManage ? (
        <p>
          <Link className="button button--secondary" href="/admin/people/new">
            {tPerson("new")}
          </Link>{" "}
          <Link className="button button--secondary" href="/admin/people/import">
            {tImport("link")}
          </Link>{" "}
          <Link className="button button--secondary" href="/admin/enrolments">
            {tEnrol("link")}
          </Link>
        </p>
      ) : null}
      <form className="toolbar" role="search" method="get">
        <FilterInput name="q" label={t("search")} defaultValue={query.q} />
        <button type="submit">{t("searchButton")}</button>
      </form>
      <Results count={t("count", { total })} empty={t("noResults")} rows={rows.length}>
        <DataTable columns={[t("name"), t("email"), t("department"), t("roles"), t("status"), mayManage ? t("actions") : null]}>
          {rows.map((p) => {
            const name = `${p.lastName} ${p.firstName}`;
            return (
              <tr key={p.id}>
                <td data-label={t("name")}>{mayManage ? <Link href={`/admin/people/${p.id}`}>{name}</Link> : name}</td>
                <td data-label={t("email")}>{p.email}</td>
                <td data-label={t("department")}>{p.department ?? "—"}</td>
                <td data-label={t("roles")}>
                  {p.roles.map((r) => (
                    <span key={r} className="badge">
                      {tRoles(r)}
                    </span>
                  ))}
                </td>
                <td data-label={t("status")}>
                  <span className={p.active ? "badge" : "badge badge--off"}>{p.active ? t("active") : t("inactive")}</span>
                </td>
                {mayManage ? (
                  <td data-label={t("actions")}>
                    {p.id === user.id ? null : <ActivationForm action={setActiveAction} userId={p.id} active={p.active} name={name} />}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </DataTable>
      </Results>
      <Pagination page={page} pages={pages} href={pageHref} labels={{ nav: t("pagination"), previous: t("previous"), next: t("next"), page: t("page", { page, pages }) }} />
    </main>
  );
}

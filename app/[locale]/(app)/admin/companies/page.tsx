import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { requirePermission } from "@/lib/auth/guards";
import { companiesOverview } from "@/lib/companies/overview";
import { switchCompanyAction } from "@/lib/companies/switch-action";
import { loadCatalog } from "@/lib/content/catalog";
import { registerClock } from "@/lib/reports/register-clock";
import { STATE_COLUMNS, StateCountCells } from "@/components/admin/state-counts";
import { DataTable } from "@/components/ui/data-table";
import "@/components/admin/companies.css";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/companies">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "companiesUi" }))("title") };
}

const Query = z.object({
  created: z.coerce.number().int().positive().optional().catch(undefined),
  people: z.coerce.number().int().min(0).optional().catch(undefined),
  held: z.coerce.number().int().min(0).optional().catch(undefined),
  switched: z.coerce.number().int().positive().optional().catch(undefined),
  switch: z.literal("unknown").optional().catch(undefined),
});

/**
 * The training provider's overview: every client company with the register's counts, in total
 * and per funding plan, the company the provider works in marked, and the switcher per row.
 */
export default async function CompaniesPage({ params, searchParams }: PageProps<"/[locale]/admin/companies">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requirePermission("companies:manage");
  const q = Query.parse(await searchParams);
  const t = await getTranslations("companiesUi");
  const ts = await getTranslations("states");
  const label = (c: (typeof STATE_COLUMNS)[number]) => ts(`columns.${c}`);
  const companies = await companiesOverview(db(), loadCatalog().courses, registerClock());
  const current = user.scope?.companyId ?? null;
  const nameOf = (id: number | undefined) => companies.find((c) => c.id === id)?.name;
  const created = nameOf(q.created);
  const switched = nameOf(q.switched);

  return (
    <main id="main">
      <div className="page-head">
        <h1>{t("title")}</h1>
        <Link className="button" href="/admin/companies/new">
          {t("newCompany")}
        </Link>
      </div>
      <p className="muted">{t("intro")}</p>
      <div role="status" aria-live="polite">
        {created ? (
          <div className="alert alert--ok">
            <p>{t("created", { name: created, count: q.people ?? 0 })}</p>
            {q.held ? <p>{t("invitesQueued", { count: q.held })}</p> : null}
            {q.created !== current ? <p>{t("createdNext")}</p> : null}
          </div>
        ) : null}
        {switched && q.switched === current ? <p className="alert alert--ok">{t("switched", { name: switched })}</p> : null}
        {q.switch ? <p className="alert alert--error">{t("switchUnknown")}</p> : null}
      </div>
      {companies.length === 0 ? <p className="empty-state">{t("empty")}</p> : <p className="hint">{ts("legend")}</p>}
      {companies.map((c) => {
        const isCurrent = c.id === current;
        const highlighted = c.id === q.created;
        return (
          <section key={c.id} className={`company-card card${isCurrent ? " company-card--current" : ""}${highlighted ? " company-card--new" : ""}`} aria-labelledby={`company-${c.id}`}>
            <div className="company-card__head">
              <div>
                <h2 id={`company-${c.id}`}>{c.name}</h2>
                {c.taxCode ? <p className="muted company-card__code">{t("taxCode", { code: c.taxCode })}</p> : null}
              </div>
              {isCurrent ? (
                <span className="badge badge--completed">{t("current")}</span>
              ) : (
                <form action={switchCompanyAction}>
                  <input type="hidden" name="companyId" value={c.id} />
                  <button type="submit" className={highlighted ? undefined : "secondary"}>
                    {t("workHere")}
                    <span className="visually-hidden">: {c.name}</span>
                  </button>
                </form>
              )}
            </div>
            <DataTable caption={t("countsCaption", { name: c.name })} columns={[t("row"), ...STATE_COLUMNS.map(label)]}>
              <tr className="company-card__total">
                <th scope="row" data-label={t("row")}>
                  {t("totalRow")}
                </th>
                <StateCountCells counts={c.total} label={label} />
              </tr>
              {c.plans.map((p) => (
                <tr key={p.id}>
                  <th scope="row" data-label={t("row")}>
                    {p.title}
                    <span className="muted company-card__fund">{t(`fund.${p.fund}`)}</span>
                  </th>
                  <StateCountCells counts={p.counts} label={label} />
                </tr>
              ))}
              {c.outsidePlans.participants > 0 || c.plans.length === 0 ? (
                <tr>
                  <th scope="row" data-label={t("row")}>
                    {c.plans.length ? t("outsidePlans") : t("noPlans")}
                  </th>
                  <StateCountCells counts={c.outsidePlans} label={label} />
                </tr>
              ) : null}
            </DataTable>
          </section>
        );
      })}
    </main>
  );
}

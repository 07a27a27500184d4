import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { getPlan } from "@/db/queries/plans";
import { requireScope } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { declarationMissing } from "@/lib/dossier/documents";
import { listPlanParticipants } from "@/lib/dossier/participants";
import type { Locale } from "@/lib/i18n/locales";
import { planCourseCounts } from "@/lib/plans/overview";
import { FUND_LABELS_IT } from "@/lib/reports/funding";
import { registerClock } from "@/lib/reports/register-clock";
import { DataTable } from "@/components/ui/data-table";
import { STATE_COLUMNS, StateCountCells } from "@/components/admin/state-counts";
import { savePlanAction } from "../actions";
import { InspectorAccess } from "../_components/inspector-access";
import { PlanFacts } from "../_components/plan-facts";
import { planInspectors } from "@/lib/inspector/grants";
import { inspectorExpiry } from "@/db/queries/inspectors";
import { companyName } from "@/db/queries/companies";
import { PlanForm } from "../plan-form";
import { courseOptions, FUND_OPTIONS, planValues } from "../_components/plan-values";
import { DossierSection } from "./_components/dossier-section";
import "@/components/reports/reports.css";
import "../plans.css";

const PlanId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/plans/[id]">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "plans" }))("editTitle") };
}

/**
 * A plan of the company the admin works in: how its courses are going (the reports' numbers for
 * this plan), the links to its register, certificates and exports, the form that edits it and
 * the fund inspectors' access. Another company's plan is not found, like one that does not exist
 * (never 403). An inspector lands here: the same page, read-only (no form, no link to what their
 * role may not open), and any other plan is not found for them (the scope's `planId`).
 */
export default async function PlanPage({ params, searchParams }: PageProps<"/[locale]/admin/plans/[id]">) {
  const { locale: raw, id } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const { user, scope } = await requireScope("plans:read");
  const planId = PlanId.safeParse(id);
  if (!planId.success) notFound();
  const d = db();
  const plan = await getPlan(d, scope, planId.data);
  if (!plan) notFound();
  const t = await getTranslations("plans");
  const ts = await getTranslations("states");
  const label = (c: (typeof STATE_COLUMNS)[number]) => ts(`columns.${c}`);
  const rows = await planCourseCounts(d, scope, plan, registerClock());
  const ti = await getTranslations("inspector");
  const created = (await searchParams).created === "1";
  const mayManage = can(user, "company:manage");
  const mayRegister = can(user, "reports:register");
  const mayExport = can(user, "reports:export");
  const mayDossier = can(user, "plans:dossier");
  const mayCertificates = can(user, "certificates:manage");
  // Without the certificates page (an inspector), the column holds only the registers.
  const linksLabel = mayCertificates ? t("links") : ti("registers");
  const q = (slug: string) => `course=${encodeURIComponent(slug)}&plan=${plan.id}`;
  const sp = await searchParams;
  const inspectorUntil = scope.via === "inspector" ? await inspectorExpiry(d, user.id) : null;
  const format = await getFormatter();
  return (
    <main id="main">
      {mayManage ? (
        <p>
          <Link href="/admin/plans">← {t("back")}</Link>
        </p>
      ) : null}
      <h1>{plan.title}</h1>
      <p className="lead">{[FUND_LABELS_IT[plan.fund], plan.avviso].filter(Boolean).join(" · ")}</p>
      {inspectorUntil ? (
        <div className="alert alert--info" role="note">
          <p>
            <strong>{ti("readOnlyTitle")}.</strong> {ti("readOnly", { plan: plan.title, date: format.dateTime(inspectorUntil, { dateStyle: "medium", timeStyle: "short" }) })}
          </p>
        </div>
      ) : null}
      {created ? (
        <p className="alert alert--ok" role="status">
          {t("created")}
        </p>
      ) : null}
      <PlanFacts plan={plan} companyName={await companyName(d, plan.companyId)} />
      <section aria-labelledby="summary">
        <h2 id="summary">{t("summaryTitle")}</h2>
        <p className="hint">{t("summaryIntro")}</p>
        <p className="hint">{ts("legend")}</p>
        {rows.length === 0 ? (
          <p className="empty-state">{t("noCourseData")}</p>
        ) : (
          <DataTable columns={[t("course"), ...STATE_COLUMNS.map(label), linksLabel]}>
            {rows.map(({ course, counts }) => (
              <tr key={course.slug}>
                <th scope="row" data-label={t("course")}>
                  {course.title(locale)}
                </th>
                <StateCountCells
                  counts={counts}
                  label={label}
                  href={(c) => {
                    const base = `/admin/reports/participants?${q(course.slug)}`;
                    return c === "enrolled" ? base : c === "overdue" ? `${base}&overdue=1` : `${base}&status=${c}`;
                  }}
                />
                <td data-label={linksLabel}>
                  <span className="plan-links">
                    <Link href={`/admin/reports/participants?${q(course.slug)}`}>{t("register")}</Link>
                    {mayCertificates ? <Link href={`/admin/certificates?${q(course.slug)}`}>{t("certificates")}</Link> : null}
                    {mayRegister ? (
                      <>
                        <a href={`/api/admin/reports/register.csv?${q(course.slug)}`} download>
                          {t("registerCsv")}
                        </a>
                        <a href={`/api/admin/reports/register.xlsx?${q(course.slug)}`} download>
                          {t("registerXlsx")}
                        </a>
                      </>
                    ) : null}
                    {mayExport ? (
                      <a href={`/api/admin/certificates.zip?${q(course.slug)}`} download>
                        {t("certificatesZip")}
                      </a>
                    ) : null}
                  </span>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      {mayDossier ? (
        <DossierSection planId={plan.id} declarationMissing={await declarationMissing(d, scope, plan.id) ?? []} participants={await listPlanParticipants(d, scope, plan.id, { locale }) ?? []} />
      ) : null}
      {mayManage ? (
        <>
          <section aria-labelledby="edit" className="narrow-wide">
            <h2 id="edit">{t("editTitle")}</h2>
            <PlanForm planId={plan.id} plan={planValues(plan)} action={savePlanAction} funds={FUND_OPTIONS} courses={courseOptions(locale, plan.courses)} />
          </section>
          <InspectorAccess planId={plan.id} inspectors={await planInspectors(d, scope, plan.id)} revoked={sp.revoked === "1"} />
        </>
      ) : null}
    </main>
  );
}

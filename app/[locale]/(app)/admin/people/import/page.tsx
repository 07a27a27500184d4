import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { requireScope } from "@/lib/auth/guards";
import { can } from "@/lib/auth/permissions";
import { getImport, importTarget, planImport } from "@/lib/people/import-plan";
import { notFound } from "next/navigation";
import type { RowProblem } from "@/lib/people/csv-import";
import { rowProblemText } from "@/lib/people/problem-text";
import { confirmImportAction } from "./actions";
import { DataTable } from "@/components/ui/data-table";

export async function generateMetadata({ params }: PageProps<"/[locale]/admin/people/import">): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "import" }))("title") };
}

const Query = z.object({
  id: z.coerce.number().int().positive().optional().catch(undefined),
  problem: z.enum(["empty", "too-large", "too-many-rows", "too-wide", "encoding", "columns", "syntax", "forbidden"]).optional().catch(undefined),
  refused: z.enum(["has_errors", "already_applied", "not_found"]).optional().catch(undefined),
  done: z.literal("1").optional().catch(undefined),
  created: z.coerce.number().int().min(0).optional().catch(undefined),
  updated: z.coerce.number().int().min(0).optional().catch(undefined),
  sent: z.coerce.number().int().min(0).optional().catch(undefined),
  held: z.coerce.number().int().min(0).optional().catch(undefined),
  failed: z.coerce.number().int().min(0).optional().catch(undefined),
});

/** Step 1 uploads and checks (dry run); step 2 shows every row's outcome and confirms. */
export default async function ImportPage({ params, searchParams }: PageProps<"/[locale]/admin/people/import">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { user, scope } = await requireScope("people:manage");
  const q = Query.parse(await searchParams);
  const t = await getTranslations("import");
  const tn = await getTranslations("tenancy");
  const d = db();
  const routeRows = can(user, "companies:manage");
  const saved = q.id ? await getImport(d, scope.companyId, q.id) : null;
  // Another company's import is not found, like an unknown one.
  if (q.id && !saved) notFound();
  const plan = saved && !saved.appliedAt ? await planImport(d, saved.parsed, importTarget(scope, routeRows)) : null;
  const showCompany = routeRows || (plan?.rows.some((r) => r.values.company) ?? false);
  const problemText = (p: RowProblem) => rowProblemText(p, t, tn);

  return (
    <main id="main">
      <p>
        <Link href="/admin/people">← {t("back")}</Link>
      </p>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <p className="muted">{routeRows ? tn("importCompanyProvider") : tn("importCompanyAdmin")}</p>
      <p>
        <a href="/esempio-dipendenti.csv" download>
          {t("sample")}
        </a>
      </p>
      <div role="status" aria-live="polite">
        {q.problem ? <p className="alert alert--error">{t(`fileProblem.${q.problem}`)}</p> : null}
        {q.refused ? <p className="alert alert--error">{t(`refused.${q.refused}`)}</p> : null}
        {q.done ? (
          <div className="alert alert--ok">
            <p>{t("applied", { created: q.created ?? 0, updated: q.updated ?? 0 })}</p>
            {q.sent ? <p>{t("invitesSent", { count: q.sent })}</p> : null}
            {q.held ? (
              <p>
                {t("invitesQueued", { count: q.held })} <Link href="/admin/outbox">{t("outboxLink")}</Link>
              </p>
            ) : null}
            {q.failed ? (
              <p>
                {t("invitesFailed", { count: q.failed })} <Link href="/admin/outbox">{t("outboxLink")}</Link>
              </p>
            ) : null}
            {q.created ? (
              <p>
                {t("nextStep")} <Link href="/admin/enrolments">{t("nextStepLink")}</Link>
              </p>
            ) : null}
          </div>
        ) : null}
        {saved?.appliedAt && !q.done ? <p className="alert alert--info">{t("alreadyApplied")}</p> : null}
      </div>
      <form className="card toolbar" method="post" action="/api/admin/people/import" encType="multipart/form-data">
        <div className="field">
          <label htmlFor="file">{t("file")}</label>
          <input id="file" name="file" type="file" accept=".csv,text/csv" required />
        </div>
        <button type="submit">{t("check")}</button>
      </form>
      {plan ? (
        <section aria-labelledby="plan">
          <h2 id="plan">{saved!.fileName}</h2>
          <p>
            <strong>{t("counts", plan.counts)}</strong>
          </p>
          {plan.counts.error ? (
            <p className="alert alert--error">{t("fixFirst")}</p>
          ) : (
            <form action={confirmImportAction}>
              <input type="hidden" name="importId" value={saved!.id} />
              <button type="submit">{t("confirm")}</button>
            </form>
          )}
          <DataTable
            columns={[
              t("line"),
              t("name"),
              t("email"),
              t("fiscalCode"),
              t("department"),
              t("qualification"),
              t("contractType"),
              ...(showCompany ? [tn("company")] : []),
              t("action"),
              t("problems"),
            ]}
          >
            {plan.rows.map((r) => (
              <tr key={r.line} className={r.action === "error" ? "row-error" : undefined}>
                <td data-label={t("line")}>{r.line}</td>
                <td data-label={t("name")}>
                  {r.values.lastName} {r.values.firstName}
                </td>
                <td data-label={t("email")}>{r.values.email}</td>
                <td data-label={t("fiscalCode")}>{r.values.fiscalCode || "—"}</td>
                <td data-label={t("department")}>{r.values.department ?? "—"}</td>
                <td data-label={t("qualification")}>{r.values.qualification ?? "—"}</td>
                <td data-label={t("contractType")}>{r.values.contractType ?? "—"}</td>
                {showCompany ? <td data-label={tn("company")}>{r.companyName ?? r.values.company ?? "—"}</td> : null}
                <td data-label={t("action")}>
                  <span className={r.action === "error" ? "badge badge--off" : "badge"}>{t(`actions.${r.action}`)}</span>
                </td>
                <td data-label={t("problems")}>
                  {r.problems.map(problemText).join("; ")}
                  {r.changes.length ? t("changes", { fields: r.changes.map((f) => t(`fields.${f}`)).join(", ") }) : null}
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}
    </main>
  );
}

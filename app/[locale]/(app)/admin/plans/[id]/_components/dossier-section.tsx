import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { MissingField } from "@/lib/dossier/declaration";
import type { PlanParticipantLink } from "@/lib/dossier/participants";

type Props = {
  planId: number;
  /** What the declaration still lacks (empty: it can be printed). */
  declarationMissing: readonly MissingField[];
  participants: readonly PlanParticipantLink[];
};

/**
 * "Dossier per il fondo": the plan's documents for the fund (registro FAD, dichiarazione
 * sostitutiva, fascicolo del corso) and one register per participant. The declaration's link
 * is replaced by what is missing when it cannot be printed without a blank, so the admin
 * learns it before clicking. The documents are a list: the dossier ZIP is one more item.
 */
export async function DossierSection({ planId, declarationMissing, participants }: Props) {
  const t = await getTranslations("dossier");
  const ts = await getTranslations("states");
  const base = `/api/admin/plans/${planId}`;
  const companyMissing = declarationMissing.some((m) => m.from?.startsWith("company."));
  const planMissing = declarationMissing.some((m) => m.from?.startsWith("plan."));
  return (
    <section aria-labelledby="dossier">
      <h2 id="dossier">{t("title")}</h2>
      <p className="hint">{t("intro")}</p>
      <h3>{t("documents")}</h3>
      <ul className="dossier-list">
        <li>
          <a href={`${base}/register.pdf`} download>
            {t("register")}
          </a>
          <span className="plan-refs">{t("registerHint")}</span>
        </li>
        <li>
          {declarationMissing.length === 0 ? (
            <a href={`${base}/declaration.pdf`} download>
              {t("declaration")}
            </a>
          ) : (
            <>
              <span>{t("declaration")}</span>
              <span className="alert alert--info dossier-missing" role="note">
                {t("declarationMissing", { fields: declarationMissing.map((m) => m.label.charAt(0).toLowerCase() + m.label.slice(1)).join(", ") })}{" "}
                {companyMissing ? <Link href="/admin/company">{t("fillCompany")}</Link> : null}
                {companyMissing && planMissing ? " · " : null}
                {planMissing ? <a href="#edit">{t("fillPlan")}</a> : null}
              </span>
            </>
          )}
          <span className="plan-refs">{t("declarationHint")}</span>
        </li>
        <li>
          <a href={`${base}/course-file.pdf`} download>
            {t("courseFile")}
          </a>
          <span className="plan-refs">{t("courseFileHint")}</span>
        </li>
        <li>
          {declarationMissing.length === 0 ? (
            <a href={`${base}/dossier.zip`} download>
              {t("zip")}
            </a>
          ) : (
            <span>{t("zip")}</span>
          )}
          {/* Not a second note: the declaration's note above already says what is missing. */}
          <span className="plan-refs">{declarationMissing.length === 0 ? t("zipHint") : `${t("zipBlocked")} ${t("zipHint")}`}</span>
        </li>
      </ul>
      <h3>{t("participants")}</h3>
      {participants.length === 0 ? (
        <p className="empty-state">{t("participantsEmpty")}</p>
      ) : (
        <details className="dossier-participants">
          <summary>{t("participantsSummary", { count: participants.length })}</summary>
          <ul className="dossier-list">
            {participants.map((p) => {
              const name = `${p.lastName} ${p.firstName}`;
              return (
                <li key={p.userId}>
                  <a href={`${base}/participants/${p.userId}/register.pdf`} download>
                    {t("participantRegister", { name })}
                  </a>
                  <span className="plan-refs">
                    {/* The e-mail tells apart people with the same name. */}
                    {p.email} —{" "}
                    {p.courses.map((c) => [c.title, c.cycle > 1 ? t("cycle", { cycle: c.cycle }) : null, ts(c.status)].filter(Boolean).join(" · ")).join("; ")}
                  </span>
                </li>
              );
            })}
          </ul>
        </details>
      )}
    </section>
  );
}

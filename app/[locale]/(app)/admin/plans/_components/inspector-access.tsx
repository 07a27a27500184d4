import { getFormatter, getTranslations } from "next-intl/server";
import type { InspectorGrantRow } from "@/db/queries/inspectors";
import { DataTable } from "@/components/ui/data-table";
import { grantInspectorAction, revokeInspectorAction } from "../inspector-actions";
import { InspectorGrantForm } from "./inspector-grant-form";

/** "Accesso ispettore": the form that gives a fund's auditor read-only access, and the plan's inspectors with a way to revoke each. */
export async function InspectorAccess({ planId, inspectors, revoked }: { planId: number; inspectors: InspectorGrantRow[]; revoked: boolean }) {
  const t = await getTranslations("inspector");
  const format = await getFormatter();
  const when = (s: number) => format.dateTime(new Date(s * 1000), { dateStyle: "medium", timeStyle: "short" });
  return (
    <section aria-labelledby="inspectors">
      <h2 id="inspectors">{t("sectionTitle")}</h2>
      <p className="hint">{t("sectionIntro")}</p>
      {revoked ? (
        <p className="alert alert--ok" role="status">
          {t("revoked")}
        </p>
      ) : null}
      {/* The form as narrow as the plan's; the list below takes the page's width (its last column holds the revoke button). */}
      <div className="narrow-wide">
        <InspectorGrantForm planId={planId} action={grantInspectorAction} />
      </div>
      <h3>{t("listTitle")}</h3>
      {inspectors.length === 0 ? (
        <p className="empty-state">{t("listEmpty")}</p>
      ) : (
        <DataTable columns={[t("colEmail"), t("colGranted"), t("colExpires"), t("colState"), t("colAction")]}>
          {inspectors.map((i) => {
            const live = i.live;
            return (
              <tr key={i.userId}>
                <th scope="row" data-label={t("colEmail")}>
                  {i.email}
                </th>
                <td data-label={t("colGranted")}>{when(i.grantedAt)}</td>
                <td data-label={t("colExpires")}>{when(i.expiresAt)}</td>
                <td data-label={t("colState")}>{live ? (i.hasPassword ? t("stateActive") : t("statePending")) : t("stateExpired")}</td>
                <td data-label={t("colAction")}>
                  {live ? (
                    <form action={revokeInspectorAction} className="inspector-revoke">
                      <input type="hidden" name="planId" value={planId} />
                      <input type="hidden" name="userId" value={i.userId} />
                      <button type="submit" className="button--secondary" aria-label={t("revokeLabel", { email: i.email })}>
                        {t("revoke")}
                      </button>
                    </form>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </section>
  );
}

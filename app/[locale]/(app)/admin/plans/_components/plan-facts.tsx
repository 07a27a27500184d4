import { getFormatter, getTranslations } from "next-intl/server";
import type { PlanWithCourses } from "@/db/queries/plans";
import { dayDate } from "./plan-values";
import { FUND_LABELS_IT } from "@/lib/reports/funding";

/** The plan's references as the fund knows them: what an auditor checks first, and what the form below edits. */
export async function PlanFacts({ plan, companyName }: { plan: PlanWithCourses; companyName: string | null }) {
  const t = await getTranslations("plans");
  const ti = await getTranslations("inspector");
  const format = await getFormatter();
  const day = (v: string | null) => (v ? format.dateTime(dayDate(v), { dateStyle: "medium" }) : t("none"));
  const facts: [string, string][] = [
    [ti("company"), companyName ?? t("none")],
    [t("fund"), FUND_LABELS_IT[plan.fund]],
    [t("avviso"), plan.avviso ?? t("none")],
    [t("protocol"), plan.protocol ?? t("none")],
    [t("projectTitle"), plan.projectTitle ?? t("none")],
    [t("cup"), plan.cup ?? t("none")],
    [t("period"), `${day(plan.startsOn)} – ${day(plan.endsOn)}`],
  ];
  return (
    <section aria-labelledby="references">
      <h2 id="references">{ti("references")}</h2>
      <dl className="plan-facts">
        {facts.map(([k, v]) => (
          <div key={k} className="plan-fact">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

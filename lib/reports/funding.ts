import type { Fund, FundingPlan } from "@/db/schema";

/**
 * The funding references printed on every register row and on certificates: the fund, the plan's
 * title, its Avviso, protocol and CUP — from the participation's plan (`funding_plans`). A
 * participation without a plan prints none. (The FUNDING_* variables of the single-company
 * releases were read once, by the migration that created each installation's first plan.)
 */
export type FundingReferences = { fund: string | null; plan: string | null; avviso: string | null; protocol: string | null; cup: string | null };

/** The funds' names as the funds write them (registers are Italian documents). */
export const FUND_LABELS_IT: Record<Fund, string> = {
  fondimpresa: "Fondimpresa",
  fondirigenti: "Fondirigenti",
  forte: "For.Te.",
  foncoop: "Fon.Coop",
  "fondo-formazione-pmi": "Fondo Formazione PMI",
  fonarcom: "Fonarcom",
  fondoprofessioni: "Fondoprofessioni",
  fondartigianato: "Fondartigianato",
  altro: "Altro fondo",
  "non-finanziato": "Non finanziato",
};

export const NO_FUNDING: FundingReferences = { fund: null, plan: null, avviso: null, protocol: null, cup: null };

export function fundingOf(plan: Pick<FundingPlan, "fund" | "title" | "avviso" | "protocol" | "cup"> | null | undefined): FundingReferences {
  if (!plan) return NO_FUNDING;
  return { fund: FUND_LABELS_IT[plan.fund] ?? plan.fund, plan: plan.title, avviso: plan.avviso, protocol: plan.protocol, cup: plan.cup };
}

/** From a register row's plan columns. */
export function fundingOfRow(r: { planFund: string | null; planTitle: string | null; planAvviso: string | null; planProtocol: string | null; planCup: string | null }): FundingReferences {
  if (r.planTitle === null) return NO_FUNDING;
  return { fund: FUND_LABELS_IT[r.planFund as Fund] ?? r.planFund, plan: r.planTitle, avviso: r.planAvviso, protocol: r.planProtocol, cup: r.planCup };
}

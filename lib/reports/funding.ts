import { env } from "@/lib/env";

/**
 * References of the funded plan, printed on every register row and on certificates:
 * `FUNDING_PLAN` (plan title or code), `FUNDING_AVVISO` (the fund's call, e.g. "Avviso 2/2024")
 * and `FUNDING_PROTOCOL` (the protocol number the fund assigned). All optional; empty when
 * the training is not funded. They are per installation (one company, one plan at a time).
 */
export type FundingReferences = { plan: string | null; avviso: string | null; protocol: string | null };

/** The funding references from the environment (validated in `lib/env.ts`). */
export function fundingReferences(): FundingReferences {
  const e = env();
  const v = (s: string | undefined) => (s ? s : null);
  return { plan: v(e.FUNDING_PLAN), avviso: v(e.FUNDING_AVVISO), protocol: v(e.FUNDING_PROTOCOL) };
}

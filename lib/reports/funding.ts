import { z } from "zod";

/**
 * References of the funded plan, printed on every register row and on certificates:
 * `FUNDING_PLAN` (plan title or code), `FUNDING_AVVISO` (the fund's call, e.g. "Avviso 2/2024")
 * and `FUNDING_PROTOCOL` (the protocol number the fund assigned). All optional; empty when
 * the training is not funded. They are per installation (one company, one plan at a time).
 */
const FundingSchema = z.object({
  FUNDING_PLAN: z.string().trim().max(300).optional(),
  FUNDING_AVVISO: z.string().trim().max(300).optional(),
  FUNDING_PROTOCOL: z.string().trim().max(300).optional(),
});

export type FundingReferences = { plan: string | null; avviso: string | null; protocol: string | null };

/** The funding references from the environment (read on each call: cheap, and tests may change them). */
export function fundingReferences(source: Record<string, string | undefined> = process.env): FundingReferences {
  const parsed = FundingSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const v = (s: string | undefined) => (s ? s : null);
  return { plan: v(parsed.data.FUNDING_PLAN), avviso: v(parsed.data.FUNDING_AVVISO), protocol: v(parsed.data.FUNDING_PROTOCOL) };
}

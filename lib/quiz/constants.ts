/**
 * The quiz domain's fixed names, without zod: the draw imports them from here, so the browser
 * runtime of the LMS packages (lib/lms-export) can bundle the draw without the schemas.
 * Pure module; `settings.ts` and `schema.ts` re-export them.
 */

/** The risks a question can be about; the final test can ask for a minimum of each. */
export const RISK_TAGS = [
  "confidential-info",
  "personal-use-at-work",
  "company-accounts",
  "reputation",
  "privacy",
  "policy",
] as const;
export type RiskTag = (typeof RISK_TAGS)[number];

/** The two option ids of a true/false question, in the order they are always shown. */
export const TRUE_FALSE_IDS = ["true", "false"] as const;

/** Sum of the per-risk minimums (0 when there are none). */
export function perRiskTotal(perRisk: Partial<Record<RiskTag, number | undefined>> | undefined): number {
  return Object.values(perRisk ?? {}).reduce<number>((sum, n) => sum + (n ?? 0), 0);
}

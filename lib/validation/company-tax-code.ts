/**
 * The company's codice fiscale for the report header: 11 digits for companies, associations
 * and public bodies (the same number and check digit as the partita IVA, so an `IT`-prefixed
 * VAT number is accepted too), or a 16-character personal code for a sole trader.
 */
import "server-only";
import { z } from "zod";
import { validateFiscalCode } from "./fiscal-code";
import type { ValidationMessageKey } from "./messages";
import { validatePartitaIva } from "./partita-iva";

export type CompanyTaxCodeKind = "numeric" | "personal";

export type CompanyTaxCodeFailure = "empty" | "length" | "format" | "date" | "checksum";

export type CompanyTaxCodeResult = { ok: true; value: string; kind: CompanyTaxCodeKind } | { ok: false; reason: CompanyTaxCodeFailure };

export const COMPANY_TAX_CODE_MESSAGE_KEYS = {
  empty: "companyTaxCode.required",
  length: "companyTaxCode.invalidLength",
  format: "companyTaxCode.invalidFormat",
  date: "companyTaxCode.invalidDate",
  checksum: "companyTaxCode.invalidChecksum",
} as const satisfies Record<CompanyTaxCodeFailure, ValidationMessageKey>;

/**
 * Validates a company tax code: an 11-digit number (optionally `IT`-prefixed) with the
 * partita IVA check digit, or a person's 16-character codice fiscale.
 *
 * @returns the normalised code (digits only for `numeric`, upper case for `personal`)
 */
export function validateCompanyTaxCode(input: string): CompanyTaxCodeResult {
  const compact = input.replace(/\s+/g, "").toUpperCase();
  if (compact === "") return { ok: false, reason: "empty" };
  if (/^(IT)?\d+$/.test(compact)) {
    const r = validatePartitaIva(compact);
    return r.ok ? { ok: true, value: r.value, kind: "numeric" } : { ok: false, reason: r.reason };
  }
  // Letters in an 11-character code: a numeric code with a typo, not a short personal one.
  if (!/^[A-Z0-9]+$/.test(compact) || compact.length === 11) return { ok: false, reason: "format" };
  if (compact.length !== 16) return { ok: false, reason: "length" };
  const r = validateFiscalCode(compact);
  return r.ok ? { ok: true, value: r.value, kind: "personal" } : { ok: false, reason: r.reason };
}

/**
 * zod schema for the company tax code field: outputs the normalised code; on failure the issue
 * message is a `companyTaxCode.*` key from `messages.ts` and `params.reason` the failure.
 */
export const companyTaxCodeSchema = z.string({ error: COMPANY_TAX_CODE_MESSAGE_KEYS.empty }).transform((input, ctx) => {
  const r = validateCompanyTaxCode(input);
  if (r.ok) return r.value;
  ctx.addIssue({ code: "custom", message: COMPANY_TAX_CODE_MESSAGE_KEYS[r.reason], params: { reason: r.reason } });
  return z.NEVER;
});

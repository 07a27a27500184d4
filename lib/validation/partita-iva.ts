/**
 * Italian VAT number (partita IVA) validation. Pure and tiny: safe on the client too.
 *
 * The same 11-digit check also validates the numeric codice fiscale (companies, associations
 * and the temporary code given to people), so `fiscal-code.ts` reuses {@link isValidElevenDigitChecksum}.
 */
import { z } from "zod";
import type { ValidationMessageKey } from "./messages";

export type PartitaIvaFailure = "empty" | "length" | "format" | "checksum";

export type PartitaIvaResult = { ok: true; value: string } | { ok: false; reason: PartitaIvaFailure };

export const PARTITA_IVA_MESSAGE_KEYS = {
  empty: "partitaIva.required",
  length: "partitaIva.invalidLength",
  format: "partitaIva.invalidFormat",
  checksum: "partitaIva.invalidChecksum",
} as const satisfies Record<PartitaIvaFailure, ValidationMessageKey>;

/**
 * The check digit rule shared by the partita IVA and the 11-digit codice fiscale: digits in
 * odd positions (1st, 3rd…, counting from 1) are summed as they are, digits in even positions
 * are doubled (minus 9 when the double exceeds 9); the 11th digit is `(10 − sum mod 10) mod 10`.
 *
 * @param digits exactly 11 ASCII digits (the caller checks the shape)
 */
export function isValidElevenDigitChecksum(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const d = digits.charCodeAt(i) - 48;
    if (i % 2 === 0) sum += d;
    else sum += d * 2 > 9 ? d * 2 - 9 : d * 2;
  }
  return (10 - (sum % 10)) % 10 === digits.charCodeAt(10) - 48;
}

/** Removes every whitespace character and a leading `IT` country prefix (any case). */
export function normalizePartitaIva(input: string): string {
  return input.replace(/\s+/g, "").replace(/^it/i, "");
}

/**
 * Validates a partita IVA: `IT` prefix and spaces are stripped, then it must be 11 digits,
 * not all zeros (a placeholder that would pass the checksum) and with a correct check digit.
 * The province-office digits (8th–10th) are not checked, so a newly opened office code
 * cannot make a real number fail.
 *
 * @returns the 11 digits without prefix, or why the input is not valid
 */
export function validatePartitaIva(input: string): PartitaIvaResult {
  const value = normalizePartitaIva(input);
  if (value === "") return { ok: false, reason: "empty" };
  if (!/^\d+$/.test(value)) return { ok: false, reason: "format" };
  if (value.length !== 11) return { ok: false, reason: "length" };
  if (/^0+$/.test(value)) return { ok: false, reason: "format" };
  if (!isValidElevenDigitChecksum(value)) return { ok: false, reason: "checksum" };
  return { ok: true, value };
}

/**
 * zod schema for a partita IVA field: outputs the normalised 11 digits; on failure the issue
 * message is a key from `messages.ts` (e.g. `"partitaIva.invalidChecksum"`) for the UI to translate.
 */
export const partitaIvaSchema = z.string({ error: PARTITA_IVA_MESSAGE_KEYS.empty }).transform((input, ctx) => {
  const r = validatePartitaIva(input);
  if (r.ok) return r.value;
  ctx.addIssue({ code: "custom", message: PARTITA_IVA_MESSAGE_KEYS[r.reason], params: { reason: r.reason } });
  return z.NEVER;
});

/**
 * Codice fiscale validation for people (the learners in the funded-training reports).
 *
 * Server-side only: the optional birth-place check loads the Belfiore place list (a large
 * chunk we keep out of client bundles, see STACK.md). The synchronous check uses only the
 * library's patterns and check-digit routine.
 */
import "server-only";
import { CheckDigitizer, Matcher, Parser } from "@marketto/codice-fiscale-utils";
import { z } from "zod";
import type { ValidationMessageKey } from "./messages";
import { isValidElevenDigitChecksum } from "./partita-iva";

export type FiscalCodeKind = "personal" | "temporary";

/**
 * - `empty`: nothing but whitespace
 * - `length`: neither 16 characters (personal) nor 11 (temporary)
 * - `format`: wrong characters, impossible surname/name letters, bad place code, all zeros
 * - `date`: the birth date segment is impossible (month letter, day 32, 30 February…)
 * - `checksum`: the 16th character (or 11th digit) does not match
 */
export type FiscalCodeFailure = "empty" | "length" | "format" | "date" | "checksum";

export type FiscalCodeResult = { ok: true; value: string; kind: FiscalCodeKind } | { ok: false; reason: FiscalCodeFailure };

/**
 * The check character a 16-character code should end with, for a message that helps fix a
 * typo ("should end with U"); null when the first 15 characters are not a valid code's.
 */
export function expectedCheckCharacter(input: string): string | null {
  const value = normalizeFiscalCode(input);
  return value.length === 16 ? CheckDigitizer.checkDigit(value.slice(0, 15)) : null;
}

/** {@link validateFiscalCodeWithPlace} adds `place`: the Belfiore code is unknown or did not exist on the birth date. */
export type FiscalCodePlaceResult = FiscalCodeResult | { ok: false; reason: "place" };

export const FISCAL_CODE_MESSAGE_KEYS = {
  empty: "fiscalCode.required",
  length: "fiscalCode.invalidLength",
  format: "fiscalCode.invalidFormat",
  date: "fiscalCode.invalidDate",
  checksum: "fiscalCode.invalidChecksum",
  place: "fiscalCode.unknownPlace",
} as const satisfies Record<FiscalCodeFailure | "place", ValidationMessageKey>;

// Digits may be replaced by the omocodia letters L M N P Q R S T U V (0–9) when two people
// would otherwise share a code; every numeric position accepts them.
const SHAPE = /^[A-Z]{6}[0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{2}[A-Z][0-9LMNP-V]{3}[A-Z]$/;
const anchored = (source: string) => new RegExp(`^(?:${source})$`);
const NAMES = anchored(Matcher.CF_FULL_NAME_MATCHER);
const BIRTH_DATE = anchored(Matcher.FULL_DATE_MATCHER);
const PLACE = anchored(Matcher.BELFIORE_CODE_MATCHER);
const WHOLE = anchored(Matcher.CODICE_FISCALE);

/** Upper-case, with every whitespace character removed (codes are often typed in groups). */
export function normalizeFiscalCode(input: string): string {
  return input.replace(/\s+/g, "").toUpperCase();
}

/**
 * Validates a person's codice fiscale without any I/O.
 *
 * - 16 characters (`kind: "personal"`): surname/name letters, birth date (leap years and
 *   month lengths included) and place code must be well formed, omocodia letters accepted in
 *   any numeric position, and the check character must match.
 * - 11 digits (`kind: "temporary"`, the *codice fiscale provvisorio*): the partita IVA check
 *   digit; all zeros is rejected.
 *
 * Whether the place code exists is checked by {@link validateFiscalCodeWithPlace}.
 *
 * @returns the normalised code (upper case, no spaces) and its kind, or why it is not valid
 */
export function validateFiscalCode(input: string): FiscalCodeResult {
  const value = normalizeFiscalCode(input);
  if (value === "") return { ok: false, reason: "empty" };
  if (!/^[A-Z0-9]+$/.test(value)) return { ok: false, reason: "format" };

  if (value.length === 11) {
    if (!/^\d{11}$/.test(value) || /^0+$/.test(value)) return { ok: false, reason: "format" };
    return isValidElevenDigitChecksum(value) ? { ok: true, value, kind: "temporary" } : { ok: false, reason: "checksum" };
  }
  if (value.length !== 16) return { ok: false, reason: "length" };

  if (!SHAPE.test(value) || !NAMES.test(value.slice(0, 6))) return { ok: false, reason: "format" };
  if (!BIRTH_DATE.test(value.slice(6, 11))) return { ok: false, reason: "date" };
  if (!PLACE.test(value.slice(11, 15))) return { ok: false, reason: "format" };
  // The library's whole-code pattern as a last guard, should the parts above ever disagree with it.
  if (!WHOLE.test(value)) return { ok: false, reason: "format" };
  if (CheckDigitizer.checkDigit(value.slice(0, 15)) !== value[15]) return { ok: false, reason: "checksum" };
  return { ok: true, value, kind: "personal" };
}

/**
 * {@link validateFiscalCode}, then, for personal codes, checks that the (de-omocoded) place code
 * is in the Belfiore list and existed on the birth date. The list is loaded on first use.
 * Use it where a wrong code is costly (report exports, certificates), not per keystroke.
 */
export async function validateFiscalCodeWithPlace(input: string): Promise<FiscalCodePlaceResult> {
  const r = validateFiscalCode(input);
  if (!r.ok || r.kind !== "personal") return r;
  const parser = await placeParser();
  return (await parser.cfToBirthPlace(r.value, true)) ? r : { ok: false, reason: "place" };
}

let parserPromise: Promise<Parser> | undefined;
function placeParser(): Promise<Parser> {
  parserPromise ??= import("@marketto/belfiore-connector-embedded").then(
    ({ belfioreConnector }) => new Parser(belfioreConnector),
    (e: unknown) => {
      parserPromise = undefined; // let the next call retry
      throw e;
    },
  );
  return parserPromise;
}

/**
 * zod schema for a person's codice fiscale: outputs the normalised code; on failure the issue
 * message is a key from `messages.ts` (e.g. `"fiscalCode.invalidChecksum"`) and
 * `params.reason` the {@link FiscalCodeFailure}. Synchronous: usable with `safeParse`.
 */
export const fiscalCodeSchema = z.string({ error: FISCAL_CODE_MESSAGE_KEYS.empty }).transform((input, ctx) => {
  const r = validateFiscalCode(input);
  if (r.ok) return r.value;
  ctx.addIssue({ code: "custom", message: FISCAL_CODE_MESSAGE_KEYS[r.reason], params: { reason: r.reason } });
  return z.NEVER;
});

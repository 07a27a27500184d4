/**
 * Message keys produced by the tax-code validators and their zod schemas, with the Italian
 * and English sentences for each. Schemas put the KEY in `issue.message` so the UI can
 * translate it; this module is pure (no server imports) so client components may use it.
 */
import type { Locale } from "@/lib/i18n/locales";

export const VALIDATION_MESSAGE_KEYS = [
  "fiscalCode.required",
  "fiscalCode.invalidLength",
  "fiscalCode.invalidFormat",
  "fiscalCode.invalidDate",
  "fiscalCode.invalidChecksum",
  "fiscalCode.unknownPlace",
  "partitaIva.required",
  "partitaIva.invalidLength",
  "partitaIva.invalidFormat",
  "partitaIva.invalidChecksum",
  "companyTaxCode.required",
  "companyTaxCode.invalidLength",
  "companyTaxCode.invalidFormat",
  "companyTaxCode.invalidDate",
  "companyTaxCode.invalidChecksum",
] as const;

export type ValidationMessageKey = (typeof VALIDATION_MESSAGE_KEYS)[number];

export const VALIDATION_MESSAGES: Record<Locale, Record<ValidationMessageKey, string>> = {
  it: {
    "fiscalCode.required": "Inserisci il codice fiscale.",
    "fiscalCode.invalidLength": "Il codice fiscale deve avere 16 caratteri (11 cifre se provvisorio).",
    "fiscalCode.invalidFormat": "Il codice fiscale non ha un formato valido.",
    "fiscalCode.invalidDate": "La data di nascita contenuta nel codice fiscale non è valida.",
    "fiscalCode.invalidChecksum": "Il codice fiscale non è corretto: il carattere di controllo non corrisponde.",
    "fiscalCode.unknownPlace": "Il codice del luogo di nascita nel codice fiscale non esiste o non era valido alla data di nascita.",
    "partitaIva.required": "Inserisci la partita IVA.",
    "partitaIva.invalidLength": "La partita IVA deve avere 11 cifre.",
    "partitaIva.invalidFormat": "La partita IVA deve contenere solo cifre (eventualmente precedute da IT) e non può essere composta da soli zeri.",
    "partitaIva.invalidChecksum": "La partita IVA non è corretta: la cifra di controllo non corrisponde.",
    "companyTaxCode.required": "Inserisci il codice fiscale o la partita IVA dell'azienda.",
    "companyTaxCode.invalidLength": "Il codice fiscale dell'azienda deve avere 11 cifre (o 16 caratteri per una ditta individuale).",
    "companyTaxCode.invalidFormat": "Il codice fiscale dell'azienda non ha un formato valido.",
    "companyTaxCode.invalidDate": "La data di nascita contenuta nel codice fiscale non è valida.",
    "companyTaxCode.invalidChecksum": "Il codice fiscale dell'azienda non è corretto: il carattere di controllo non corrisponde.",
  },
  en: {
    "fiscalCode.required": "Enter the tax code (codice fiscale).",
    "fiscalCode.invalidLength": "The tax code must be 16 characters long (11 digits if temporary).",
    "fiscalCode.invalidFormat": "The tax code is not in a valid format.",
    "fiscalCode.invalidDate": "The date of birth encoded in the tax code is not valid.",
    "fiscalCode.invalidChecksum": "The tax code is wrong: its check character does not match.",
    "fiscalCode.unknownPlace": "The place-of-birth code in the tax code does not exist or was not valid on the date of birth.",
    "partitaIva.required": "Enter the VAT number (partita IVA).",
    "partitaIva.invalidLength": "The VAT number must have 11 digits.",
    "partitaIva.invalidFormat": "The VAT number must contain digits only (optionally after IT) and cannot be all zeros.",
    "partitaIva.invalidChecksum": "The VAT number is wrong: its check digit does not match.",
    "companyTaxCode.required": "Enter the company's tax code or VAT number.",
    "companyTaxCode.invalidLength": "The company's tax code must have 11 digits (or 16 characters for a sole trader).",
    "companyTaxCode.invalidFormat": "The company's tax code is not in a valid format.",
    "companyTaxCode.invalidDate": "The date of birth encoded in the tax code is not valid.",
    "companyTaxCode.invalidChecksum": "The company's tax code is wrong: its check character does not match.",
  },
};

export function isValidationMessageKey(v: unknown): v is ValidationMessageKey {
  return typeof v === "string" && (VALIDATION_MESSAGE_KEYS as readonly string[]).includes(v);
}

/**
 * The sentence for a validation key in `locale`. Anything that is not one of our keys (for
 * example a zod default message from another field) is returned unchanged.
 */
export function validationMessage(keyOrMessage: string, locale: Locale): string {
  return isValidationMessageKey(keyOrMessage) ? VALIDATION_MESSAGES[locale][keyOrMessage] : keyOrMessage;
}

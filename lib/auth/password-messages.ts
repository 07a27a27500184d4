/**
 * Message keys produced by the password policy (`lib/auth/password-policy.ts`) with their
 * Italian and English sentences. Pure module, so a client form may show them too.
 */
import type { Locale } from "@/lib/i18n/locales";

export const PASSWORD_MESSAGE_KEYS = [
  "password.tooShort",
  "password.tooLong",
  "password.common",
  "password.containsEmail",
  "password.tooSimple",
] as const;

export type PasswordMessageKey = (typeof PASSWORD_MESSAGE_KEYS)[number];

export const PASSWORD_MESSAGES: Record<Locale, Record<PasswordMessageKey, string>> = {
  it: {
    "password.tooShort": "La password deve avere almeno 12 caratteri: una frase di tre o quattro parole va benissimo.",
    "password.tooLong": "La password può avere al massimo 1024 caratteri.",
    "password.common": "Questa password è tra le più usate (anche con numeri o simboli aggiunti): scegline una meno prevedibile.",
    "password.containsEmail": "La password non può contenere il tuo indirizzo e-mail o la parte prima della @.",
    "password.tooSimple": "La password è troppo ripetitiva o è una sequenza della tastiera: usa caratteri più vari.",
  },
  en: {
    "password.tooShort": "The password must be at least 12 characters long: a phrase of three or four words is fine.",
    "password.tooLong": "The password may be at most 1024 characters long.",
    "password.common": "This password is one of the most common ones (even with digits or symbols added): choose a less predictable one.",
    "password.containsEmail": "The password may not contain your e-mail address or the part before the @.",
    "password.tooSimple": "The password is too repetitive or a keyboard sequence: use more varied characters.",
  },
};

/** The sentence for a key in the given language. */
export function passwordMessage(key: PasswordMessageKey, locale: Locale): string {
  return PASSWORD_MESSAGES[locale][key];
}

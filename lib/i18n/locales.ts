import { LOCALES, type Locale } from "@/db/schema";

export { LOCALES, type Locale };
export const DEFAULT_LOCALE: Locale = "it";
/** next-intl's cookie name, kept so its helpers and ours agree. */
export const LOCALE_COOKIE = "NEXT_LOCALE";

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

/** The locale a request asked for through its cookie; Italian otherwise (the browser's language is ignored on purpose). */
export function localeFromCookie(value: string | undefined): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

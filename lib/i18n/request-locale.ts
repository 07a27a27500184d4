import { LOCALE_COOKIE, localeFromCookie, type Locale } from "./locales";

/** The UI language of an API request, from the same cookie pages use. */
export function requestLocale(req: Request): Locale {
  const match = req.headers.get("cookie")?.match(new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]+)`));
  return localeFromCookie(match?.[1]);
}

import { createTranslator } from "use-intl/core";
import type { Locale } from "@/db/schema";
import { TIME_ZONE } from "@/lib/dates";
import it from "@/lib/i18n/messages/mail.it.json";
import en from "@/lib/i18n/messages/mail.en.json";

/**
 * Mail texts in the recipient's language. Mails are also written by scripts (reminders from
 * cron), outside any request, so the catalogue is imported directly rather than read from
 * next-intl's request config. `use-intl/core` (the engine under next-intl, pinned to the same
 * version) rather than `next-intl`: the latter's root entry pulls in React context, which fails
 * under the react-server condition the scripts run with.
 */
export function mailTranslator(locale: Locale) {
  return createTranslator({ locale, messages: locale === "en" ? en : it, namespace: "mail", timeZone: TIME_ZONE });
}

const LANGUAGE_TAGS: Record<Locale, string> = { it: "it-IT", en: "en-GB" };

/** "3 marzo 2027, 14:05" / "3 March 2027, 14:05", in Rome's time. */
export function formatDateTime(at: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(LANGUAGE_TAGS[locale], { dateStyle: "long", timeStyle: "short", timeZone: TIME_ZONE }).format(at);
}

/** A calendar date (`YYYY-MM-DD`) as "3 marzo 2027" / "3 March 2027", with no time-zone shift. */
export function formatCalendarDate(day: string, locale: Locale): string {
  const at = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(at.getTime())) return day;
  return new Intl.DateTimeFormat(LANGUAGE_TAGS[locale], { dateStyle: "long", timeZone: "UTC" }).format(at);
}

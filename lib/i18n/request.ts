import { getRequestConfig } from "next-intl/server";
import { TIME_ZONE } from "@/lib/dates";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./locales";

type Catalogue = { default: Record<string, unknown> };

/**
 * One catalogue per area, merged: areas built in parallel do not edit the same JSON file, and
 * adding an area is one line here. Static imports, so the bundler knows every file.
 */
const AREAS: Record<string, Record<Locale, () => Promise<Catalogue>>> = {
  core: { it: () => import("./messages/it.json"), en: () => import("./messages/en.json") },
  reports: { it: () => import("./messages/reports.it.json"), en: () => import("./messages/reports.en.json") },
  mail: { it: () => import("./messages/mail.it.json"), en: () => import("./messages/mail.en.json") },
  states: { it: () => import("./messages/states.it.json"), en: () => import("./messages/states.en.json") },
  texts: { it: () => import("./messages/texts.it.json"), en: () => import("./messages/texts.en.json") },
  analytics: { it: () => import("./messages/analytics.it.json"), en: () => import("./messages/analytics.en.json") },
  lms: { it: () => import("./messages/lms.it.json"), en: () => import("./messages/lms.en.json") },
  lessonTime: { it: () => import("./messages/lesson-time.it.json"), en: () => import("./messages/lesson-time.en.json") },
  tenancy: { it: () => import("./messages/tenancy.it.json"), en: () => import("./messages/tenancy.en.json") },
  verifyCycles: { it: () => import("./messages/verify-cycles.it.json"), en: () => import("./messages/verify-cycles.en.json") },
  plans: { it: () => import("./messages/plans.it.json"), en: () => import("./messages/plans.en.json") },
  companiesUi: { it: () => import("./messages/companies-ui.it.json"), en: () => import("./messages/companies-ui.en.json") },
  dossier: { it: () => import("./messages/dossier.it.json"), en: () => import("./messages/dossier.en.json") },
  presence: { it: () => import("./messages/presence.it.json"), en: () => import("./messages/presence.en.json") },
  scim: { it: () => import("./messages/scim.it.json"), en: () => import("./messages/scim.en.json") },
  sso: { it: () => import("./messages/sso.it.json"), en: () => import("./messages/sso.en.json") },
  inspector: { it: () => import("./messages/inspector.it.json"), en: () => import("./messages/inspector.en.json") },
};

async function messages(locale: Locale): Promise<Record<string, unknown>> {
  const loaded = await Promise.all(Object.values(AREAS).map((area) => area[locale]()));
  return Object.assign({}, ...loaded.map((c) => c.default)) as Record<string, unknown>;
}

/**
 * The locale comes from the `[locale]` segment that the proxy rewrites to, never from a
 * cookie read here: reading cookies would make every page dynamic (STACK.md).
 */
export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
  return { locale, timeZone: TIME_ZONE, messages: await messages(locale) };
});

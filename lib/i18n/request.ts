import { getRequestConfig } from "next-intl/server";
import { TIME_ZONE } from "@/lib/dates";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./locales";

/**
 * One catalogue per area, merged: areas built in parallel do not edit the same JSON file.
 * Static imports, so the bundler knows every file.
 */
async function messages(locale: Locale) {
  const [core, reports, mail, states, texts, analytics, lms, lessonTime, tenancy, verifyCycles, plans, companiesUi, dossier, inspector] =
    locale === "en"
      ? await Promise.all([
          import("./messages/en.json"),
          import("./messages/reports.en.json"),
          import("./messages/mail.en.json"),
          import("./messages/states.en.json"),
          import("./messages/texts.en.json"),
          import("./messages/analytics.en.json"),
          import("./messages/lms.en.json"),
          import("./messages/lesson-time.en.json"),
          import("./messages/tenancy.en.json"),
          import("./messages/verify-cycles.en.json"),
          import("./messages/plans.en.json"),
          import("./messages/companies-ui.en.json"),
          import("./messages/dossier.en.json"),
          import("./messages/inspector.en.json"),
        ])
      : await Promise.all([
          import("./messages/it.json"),
          import("./messages/reports.it.json"),
          import("./messages/mail.it.json"),
          import("./messages/states.it.json"),
          import("./messages/texts.it.json"),
          import("./messages/analytics.it.json"),
          import("./messages/lms.it.json"),
          import("./messages/lesson-time.it.json"),
          import("./messages/tenancy.it.json"),
          import("./messages/verify-cycles.it.json"),
          import("./messages/plans.it.json"),
          import("./messages/companies-ui.it.json"),
          import("./messages/dossier.it.json"),
          import("./messages/inspector.it.json"),
        ]);
  return {
    ...core.default,
    ...reports.default,
    ...mail.default,
    ...states.default,
    ...texts.default,
    ...analytics.default,
    ...lms.default,
    ...lessonTime.default,
    ...tenancy.default,
    ...verifyCycles.default,
    ...plans.default,
    ...companiesUi.default,
    ...dossier.default,
    ...inspector.default,
  };
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

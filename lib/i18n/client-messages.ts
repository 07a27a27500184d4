/**
 * Which message namespaces reach the browser, per area of the site. Every namespace handed to
 * `NextIntlClientProvider` is serialised into the page's RSC payload on every request: all of
 * them were 43 KB, more than half of a course page's HTML and a good part of rendering it.
 * Server components translate on the server (`getTranslations`) and need none of this; only
 * client components (`useTranslations`) do. client-messages.test.ts holds every client
 * component's namespaces to its area's list.
 */

/** Everywhere: the error boundary and the form fields. */
export const BASE_NAMESPACES = ["errors", "form"] as const;
/** Sign-in, invitation and password pages. */
export const AUTH_NAMESPACES = [...BASE_NAMESPACES, "signIn", "account", "sso"] as const;
/** A learner's pages: lessons (progress, time credited, the presence check) and quizzes. */
export const LEARNER_NAMESPACES = [...BASE_NAMESPACES, "lesson", "lessonTime", "time", "quiz", "presence"] as const;
/** Admins' and trainers' pages too: their forms. */
export const STAFF_NAMESPACES = [...LEARNER_NAMESPACES, "admin", "certificates", "companyTexts", "enrol", "roles", "outbox", "tenancy", "companies", "companiesUi", "plans", "import", "scim", "sso", "inspector"] as const;

type Messages = Record<string, unknown>;

/** The given top-level namespaces of a catalogue (those it has). */
export function pickMessages(messages: Messages, namespaces: readonly string[]): Messages {
  const out: Messages = {};
  for (const ns of namespaces) if (ns in messages) out[ns] = messages[ns];
  return out;
}

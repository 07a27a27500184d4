import type { Locale } from "@/db/schema";
import { formatCalendarDate, formatDateTime, mailTranslator } from "./messages";
import { renderMail, type MailBrandView, type RenderedMail } from "./render";
import { elideDay, elideIsoDay } from "@/lib/i18n/elision";
import { romeToday } from "@/lib/dates";

type Recipient = { locale: Locale; firstName: string; lastName: string; email: string; brand?: MailBrandView };

function common(locale: Locale, r: Recipient) {
  const t = mailTranslator(locale);
  return {
    t,
    brand: r.brand,
    greeting: t("greeting", { name: `${r.firstName} ${r.lastName}`.trim() }),
    linkFallback: t("linkFallback"),
    signature: t("signature"),
    automatic: t("automatic"),
  };
}

/** The invitation: choose a first password through `url` before `expiresAt`. */
export function invitationMail(r: Recipient & { companyName: string | null; url: string; expiresAt: Date }): RenderedMail {
  const { t, ...base } = common(r.locale, r);
  return renderMail({
    ...base,
    locale: r.locale,
    subject: t("invite.subject"),
    paragraphs: [r.companyName ? t("invite.introCompany", { company: r.companyName }) : t("invite.intro"), t("invite.username", { email: r.email })],
    action: { label: t("invite.action"), url: r.url },
    notes: [t("invite.validity", { expires: formatDateTime(r.expiresAt, r.locale), elide: elideDay(r.expiresAt) }), t("invite.ignore")],
  });
}

/** The password-reset link (valid one hour). */
export function passwordResetMail(r: Recipient & { url: string }): RenderedMail {
  const { t, ...base } = common(r.locale, r);
  return renderMail({
    ...base,
    locale: r.locale,
    subject: t("reset.subject"),
    paragraphs: [t("reset.intro", { email: r.email })],
    action: { label: t("reset.action"), url: r.url },
    notes: [t("reset.validity"), t("reset.ignore")],
  });
}

/**
 * To the owner of an account that keeps failing sign-ins: what happened, that they cannot be
 * locked out, and how to change the password if it was not them (`url`: the forgotten-password page).
 */
export function signInFailuresMail(r: Recipient & { attempts: number; url: string }): RenderedMail {
  const { t, ...base } = common(r.locale, r);
  return renderMail({
    ...base,
    locale: r.locale,
    subject: t("signInFailures.subject"),
    paragraphs: [t("signInFailures.intro", { attempts: r.attempts, email: r.email }), t("signInFailures.owner")],
    action: { label: t("signInFailures.action"), url: r.url },
    notes: [t("signInFailures.note")],
  });
}

export type ReminderKind = "due-soon" | "overdue";

/**
 * A course reminder: due within a few days, or already past its due date. For a recertification
 * (a new cycle opened by a campaign) it says when the previous certificate expires or expired.
 */
export function reminderMail(
  r: Recipient & { kind: ReminderKind; courseTitle: string; dueDate: string; url: string; recertification?: { previousExpiresAt: Date | null }; now?: Date },
): RenderedMail {
  const { t, ...base } = common(r.locale, r);
  const values = { course: r.courseTitle, due: formatCalendarDate(r.dueDate, r.locale), elide: elideIsoDay(r.dueDate) };
  const key = r.kind === "due-soon" ? "dueSoon" : "overdue";
  const expires = r.recertification?.previousExpiresAt;
  const renewal = r.recertification
    ? expires
      ? t(expires.getTime() <= (r.now ?? new Date()).getTime() ? "reminder.recertification.expired" : "reminder.recertification.expires", {
          date: formatCalendarDate(romeToday(expires), r.locale),
          elide: elideIsoDay(romeToday(expires)),
        })
      : t("reminder.recertification.renew")
    : null;
  return renderMail({
    ...base,
    locale: r.locale,
    subject: t(`reminder.${key}.subject`, values),
    paragraphs: [...(renewal ? [renewal] : []), t(`reminder.${key}.intro`, values), t(`reminder.${key}.detail`)],
    action: { label: t("reminder.action"), url: r.url },
    notes: [],
  });
}

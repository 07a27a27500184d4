import "server-only";
import type { AppDatabase } from "@/db/open";
import { writeTransaction } from "@/db/transaction";
import { listReminderCandidates, logReminder } from "@/db/queries/reminders";
import { listParticipantIds } from "@/db/queries/register";
import { registerClock } from "@/lib/reports/register-clock";
import { courseParams } from "@/lib/reports/register";
import { siteOrigin } from "@/lib/account/tokens";
import { getCourse } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import { env } from "@/lib/env";
import { deliverMail, type DeliveryReport } from "@/lib/mail/deliver";
import { queueMail } from "@/lib/mail/outbox";
import { reminderMail } from "@/lib/mail/templates";
import type { Locale } from "@/db/schema";
import { romeToday } from "@/lib/dates";
import { addDays, reminderKindFor } from "./schedule";

export type ReminderReport = {
  /** Reminders recorded and queued by this run. */
  dueSoon: number;
  overdue: number;
  /** Reminders that were due but had been sent by an earlier run. */
  alreadySent: number;
  delivery: DeliveryReport;
};

function courseTitle(slug: string, locale: Locale): string {
  try {
    const course = getCourse(slug);
    return course ? localized(course.title, locale) : slug;
  } catch {
    // Content that does not load must not stop the reminders: the slug still names the course.
    return slug;
  }
}

function closedParticipants(d: AppDatabase, slugs: Set<string>, now: Date): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const slug of slugs) {
    const course = getCourse(slug);
    if (course) out.set(slug, new Set(listParticipantIds(d, courseParams(course), "non-formato", registerClock(now))));
  }
  return out;
}

/**
 * Sends due-date reminders. For each active learner × course with a due date (the earliest of
 * their effective enrolments), no completion record and attempts left: a "due-soon" mail from
 * `REMINDER_DAYS_BEFORE` (default 7) days before the due date, an "overdue" mail once it has
 * passed. Each (person, course, kind, due date) is sent at most once: the `reminder_log` row
 * and the outbox mail are written in one transaction, and the log's unique index makes a
 * second run (or two runs at once) a no-op. Mails are delivered after the commit.
 *
 * Days are Rome's calendar days; `now` is injectable for tests and back-fills.
 */
export async function sendReminders(d: AppDatabase, now = new Date(), opts: { daysBefore?: number } = {}): Promise<ReminderReport> {
  const daysBefore = opts.daysBefore ?? env().REMINDER_DAYS_BEFORE;
  const today = romeToday(now);
  const origin = siteOrigin();
  const report: ReminderReport = { dueSoon: 0, overdue: 0, alreadySent: 0, delivery: { sent: 0, failed: 0, held: 0 } };
  const queued: number[] = [];

  writeTransaction(d, () => {
    const candidates = listReminderCandidates(d, addDays(today, daysBefore));
    const closed = closedParticipants(d, new Set(candidates.map((c) => c.courseSlug)), now);
    for (const c of candidates) {
      // "Non formato" (attempts used up): a reminder would ask for what can no longer be done.
      if (closed.get(c.courseSlug)?.has(c.userId)) continue;
      const kind = reminderKindFor(c.dueDate, today, daysBefore);
      if (!kind) continue;
      if (!logReminder(d, { userId: c.userId, courseSlug: c.courseSlug, kind, dueDate: c.dueDate, now })) {
        report.alreadySent++;
        continue;
      }
      const mail = reminderMail({
        ...c,
        kind,
        courseTitle: courseTitle(c.courseSlug, c.locale),
        url: `${origin}/courses/${encodeURIComponent(c.courseSlug)}`,
      });
      queued.push(queueMail(d, { to: c.email, userId: c.userId, kind: kind === "due-soon" ? "reminder-due-soon" : "reminder-overdue", mail, now }));
      if (kind === "due-soon") report.dueSoon++;
      else report.overdue++;
    }
  });

  report.delivery = await deliverMail(d, queued);
  return report;
}

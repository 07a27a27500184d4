import "server-only";
import type { Engine } from "@/db/engine/types";
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
import { mailBrand } from "@/lib/mail/brand";
import { openDueCycles } from "@/lib/enrolment/cycles";
import type { DataScope } from "@/db/queries/scope";

export type ReminderReport = {
  /** Recertification cycles opened by campaigns before the reminders went out. */
  cyclesOpened: number;
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

/** Per company × course, who is "non formato" in their current cycle (attempts used up). */
async function closedParticipants(d: Engine, keys: Set<string>, now: Date): Promise<Map<string, Set<number>>> {
  const out = new Map<string, Set<number>>();
  for (const key of keys) {
    const [company, slug] = key.split("|") as [string, string];
    const course = getCourse(slug);
    if (course && company) out.set(key, new Set(await listParticipantIds(d, { course: courseParams(course), scope: { companyId: Number(company), departments: null } }, "non-formato", registerClock(now))));
  }
  return out;
}

/**
 * Opens the recertification cycles campaigns call for (lib/enrolment/cycles.ts), then sends
 * due-date reminders. For each active learner × course with a due date (of their current cycle:
 * the first's is the earliest of their effective enrolments), no completion record for that
 * cycle and attempts left: a "due-soon" mail from
 * `REMINDER_DAYS_BEFORE` (default 7) days before the due date, an "overdue" mail once it has
 * passed. Each (person, course, kind, due date) is sent at most once: the `reminder_log` row
 * and the outbox mail are written in one transaction, and the log's unique index makes a
 * second run (or two runs at once) a no-op. Mails are delivered after the commit.
 *
 * Days are Rome's calendar days; `now` is injectable for tests and back-fills.
 */
export async function sendReminders(d: Engine, now = new Date(), opts: { daysBefore?: number; scope?: DataScope } = {}): Promise<ReminderReport> {
  const daysBefore = opts.daysBefore ?? env().REMINDER_DAYS_BEFORE;
  const today = romeToday(now);
  const origin = siteOrigin();
  const report: ReminderReport = { cyclesOpened: 0, dueSoon: 0, overdue: 0, alreadySent: 0, delivery: { sent: 0, failed: 0, held: 0 } };
  const queued: number[] = [];
  // A department manager's button opens no cycle: that is the company's campaign, not theirs.
  if (!opts.scope || opts.scope.departments === null) report.cyclesOpened = (await openDueCycles(d, now, opts.scope)).opened;

  await d.write(async () => {
    const candidates = await listReminderCandidates(d, addDays(today, daysBefore), opts.scope);
    const key = (c: { companyId: number | null; courseSlug: string }) => `${c.companyId ?? ""}|${c.courseSlug}`;
    const closed = await closedParticipants(d, new Set(candidates.map(key)), now);
    const brands = new Map<number | null, Awaited<ReturnType<typeof mailBrand>>>();
    for (const c of candidates) {
      // "Non formato" (attempts used up): a reminder would ask for what can no longer be done.
      if (closed.get(key(c))?.has(c.userId)) continue;
      const kind = reminderKindFor(c.dueDate, today, daysBefore);
      if (!kind) continue;
      if (!(await logReminder(d, { userId: c.userId, courseSlug: c.courseSlug, kind, dueDate: c.dueDate, now }))) {
        report.alreadySent++;
        continue;
      }
      if (!brands.has(c.companyId)) brands.set(c.companyId, await mailBrand(d, c.companyId));
      const mail = reminderMail({
        ...c,
        kind,
        courseTitle: courseTitle(c.courseSlug, c.locale),
        url: `${origin}/courses/${encodeURIComponent(c.courseSlug)}`,
        brand: brands.get(c.companyId),
        recertification: c.cycle > 1 ? { previousExpiresAt: c.previousExpiresAt === null ? null : new Date(c.previousExpiresAt * 1000) } : undefined,
        now,
      });
      queued.push(await queueMail(d, { to: c.email, userId: c.userId, companyId: c.companyId, kind: kind === "due-soon" ? "reminder-due-soon" : "reminder-overdue", mail, now }));
      if (kind === "due-soon") report.dueSoon++;
      else report.overdue++;
    }
  });

  report.delivery = await deliverMail(d, queued);
  return report;
}

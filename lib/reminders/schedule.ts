import type { ReminderKind } from "@/lib/mail/templates";

export type { ReminderKind };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(day: string): number | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms);
  // Reject 2027-02-30 and the like.
  if (back.getUTCMonth() !== Number(m[2]) - 1 || back.getUTCDate() !== Number(m[3])) return null;
  return ms / 86_400_000;
}

/** `day` plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  const n = dayNumber(day);
  if (n === null) throw new RangeError(`Not a calendar day: ${day}`);
  return new Date((n + days) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Which reminder a due date calls for today (pure): "due-soon" from `daysBefore` days before
 * the due date up to the due date itself (the last day to complete), "overdue" from the day
 * after; null before the window and for a malformed date.
 */
export function reminderKindFor(dueDate: string, today: string, daysBefore: number): ReminderKind | null {
  const due = dayNumber(dueDate);
  const now = dayNumber(today);
  if (due === null || now === null) return null;
  const daysLeft = due - now;
  if (daysLeft < 0) return "overdue";
  if (daysLeft <= daysBefore) return "due-soon";
  return null;
}

/**
 * The company's time zone: due dates, registers, certificates, mails and the pages' dates are
 * all Italian calendar time. The one definition (next-intl, the reports and the reminders use it).
 */
export const TIME_ZONE = "Europe/Rome";

/** Today's date in Italy (`YYYY-MM-DD`): due dates are calendar days where the company is. */
export function romeToday(now = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/**
 * `months` calendar months after `at`, same day of the month (clamped to the month's last day:
 * 31 January + 1 month is 28 or 29 February), same time of day.
 */
export function addMonths(at: Date, months: number): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(at.getUTCDate(), last), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds()));
}

/** Today's date in Italy (`YYYY-MM-DD`): due dates are calendar days where the company is. */
export function romeToday(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

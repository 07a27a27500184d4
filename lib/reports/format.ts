/**
 * Formatting for registers and certificates (pure). Every time is shown in Europe/Rome, the
 * zone of the Italian funds' registers, whatever the server's zone. Durations are rounded
 * DOWN (to the minute, the second or 0.01 h): a register must never overstate attendance.
 */

import { TIME_ZONE } from "@/lib/dates";

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const partsFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The wall-clock fields of `date` in Europe/Rome. */
export function romeWallClock(date: Date): WallClock {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) return intlWallClock(date); // throws the RangeError of an invalid date
  return utcFields(ms + romeOffsetMs(ms));
}


/**
 * The UTC calendar fields of an instant, by arithmetic (H. Hinnant's `civil_from_days`): a
 * register formats several dates per row, and building Date objects for them showed in its
 * profile (Next also wraps `Date` in the server).
 */
function utcFields(ms: number): WallClock {
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const hour = Math.floor(rest / HOUR_MS);
  rest -= hour * HOUR_MS;
  const minute = Math.floor(rest / 60_000);
  const second = Math.floor((rest - minute * 60_000) / 1000);
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day: doy - Math.floor((153 * mp + 2) / 5) + 1, hour, minute, second };
}

function intlWallClock(date: Date): WallClock {
  const out: Record<string, number> = {};
  for (const p of partsFormatter.formatToParts(date)) if (p.type !== "literal") out[p.type] = Number(p.value);
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour!, minute: out.minute!, second: out.second! };
}

const offsetByHour = new Map<number, number>();

/**
 * Rome's offset from UTC at `ms`, asked of Intl once per UTC hour: a register formats several
 * dates per row, and `formatToParts` per cell was most of a 10,000-row export's time. Zone
 * offsets only change on whole UTC hours, so the hour's offset is exact for every instant in it.
 */
function romeOffsetMs(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const w = intlWallClock(new Date(hour * HOUR_MS));
    offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - hour * HOUR_MS;
    if (offsetByHour.size >= 100_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

const pad = (n: number, width = 2) => (width === 2 && n >= 0 && n < 10 ? `0${n}` : String(n).padStart(width, "0"));

/** `dd/MM/yyyy HH:mm:ss` in Europe/Rome (the registers' format). */
export function formatRomeDateTime(date: Date): string {
  const w = romeWallClock(date);
  return `${pad(w.day)}/${pad(w.month)}/${w.year} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}

/** `dd/MM/yyyy` in Europe/Rome. */
export function formatRomeDate(date: Date): string {
  const w = romeWallClock(date);
  return `${pad(w.day)}/${pad(w.month)}/${w.year}`;
}

const ITALIAN_MONTHS = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"];

/** `4 maggio 2026`, in Europe/Rome: the date line of a certificate. */
export function formatRomeLongDateIt(date: Date): string {
  const w = romeWallClock(date);
  return `${w.day} ${ITALIAN_MONTHS[w.month - 1]} ${w.year}`;
}

/**
 * A Date whose UTC fields are Rome's wall clock: what a spreadsheet cell must hold, since
 * XLSX dates have no zone and exceljs writes the UTC fields.
 */
export function romeAsUtc(date: Date): Date {
  const w = romeWallClock(date);
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
}

/** The instant Rome's day `yyyy-mm-dd` starts (00:00 local, DST-aware). */
export function romeDayStart(isoDay: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!m) throw new RangeError(`romeDayStart: not a yyyy-mm-dd day: ${isoDay}`);
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Rome is UTC+1 or UTC+2; the offset at the guess is the offset at local midnight
  // (Italy changes clocks at 02:00/03:00, never around midnight).
  const offset = romeAsUtc(new Date(guess)).getTime() - guess;
  return new Date(guess - offset);
}

/** The instant Rome's day `yyyy-mm-dd` ends: the next day's start (use as an exclusive bound). */
export function romeDayEnd(isoDay: string): Date {
  const start = romeDayStart(isoDay);
  // 26 h later is always inside the next day, whatever the DST change.
  const next = new Date(start.getTime() + 26 * 3_600_000);
  const w = romeWallClock(next);
  return romeDayStart(`${w.year}-${pad(w.month)}-${pad(w.day)}`);
}

function wholeSeconds(seconds: number): number {
  return Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
}

/** `h:mm`, minutes rounded down: 3,725 s → `1:02`. */
export function formatHoursMinutes(seconds: number): string {
  const minutes = Math.floor(wholeSeconds(seconds) / 60);
  return `${Math.floor(minutes / 60)}:${pad(minutes % 60)}`;
}

/** `h:mm:ss`: 3,725 s → `1:02:05`. */
export function formatHoursMinutesSeconds(seconds: number): string {
  const s = wholeSeconds(seconds);
  return `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** Hours with two decimals, rounded down to 0.01 h (36 s): 3,725 s → 1.03. */
export function decimalHours(seconds: number): number {
  return Math.floor(wholeSeconds(seconds) / 36) / 100;
}

/** A duration as a fraction of a day, to the whole minute (rounded down): a spreadsheet `[h]:mm` value. */
export function dayFractionMinutes(seconds: number): number {
  return Math.floor(wholeSeconds(seconds) / 60) / 1440;
}

/** A duration as a fraction of a day, to the second: a spreadsheet `[h]:mm:ss` value. */
export function dayFractionSeconds(seconds: number): number {
  return wholeSeconds(seconds) / 86_400;
}

/**
 * Attendance over planned time, in percent, rounded DOWN to one decimal — the same rule as
 * the completion record (`evaluateCompletion`), so a register never shows 70.0 for 69.99.
 */
export function attendancePercent(activeSeconds: number, plannedMinutes: number): number {
  const planned = Number.isFinite(plannedMinutes) && plannedMinutes > 0 ? plannedMinutes * 60 : 0;
  if (planned === 0) return 0;
  return Math.floor((wholeSeconds(activeSeconds) * 1000) / planned) / 10;
}

/** A number with the given decimal separator and no grouping: `1.5` → `1,5`. */
export function formatDecimal(value: number, decimalSeparator: "," | "."): string {
  const text = String(value);
  return decimalSeparator === "," ? text.replace(".", ",") : text;
}

/** `87,5 %` (Italian style), one decimal at most. */
export function formatPercentIt(value: number): string {
  return `${formatDecimal(Math.round(value * 10) / 10, ",")} %`;
}

/**
 * Time values in the formats the LMS standards require. Pure module (runtime and tests).
 */

/** SCORM 1.2 CMITimespan: `HHHH:MM:SS.SS` (hours at least two digits, at most four). */
export function scorm12Timespan(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.min(9999, Math.floor(s / 3600));
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  return `${String(hours).padStart(4, "0")}:${String(minutes).padStart(2, "0")}:${String(seconds).padStart(2, "0")}.00`;
}

/** ISO 8601 duration as SCORM 2004 and xAPI use it: `PT1H2M3S`, `PT0S` for nothing. */
export function isoDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const parts = `${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${seconds || (!hours && !minutes) ? `${seconds}S` : ""}`;
  return `PT${parts}`;
}

/** SCORM 1.2 CMITime of a date (local wall clock): `HH:MM:SS`. */
export function scorm12Time(date: Date): string {
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
}

/**
 * SCORM 2004 time(second,10,0) in UTC: `YYYY-MM-DDThh:mm:ss.sZ`. The grammar
 * (`YYYY[-MM[-DD[Thh[:mm[:ss[.s[TZD]]]]]]]`) only allows a time zone after the fraction.
 */
export function scorm2004Timestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d)\d{2}Z$/, ".$1Z");
}

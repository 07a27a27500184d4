import { createHash } from "node:crypto";
import analyticsIt from "@/lib/i18n/messages/analytics.it.json";
import { canonicalJson } from "@/lib/audit/hash";
import { decimalHours, formatHoursMinutes, formatHoursMinutesSeconds, formatPercentIt, formatRomeDate, formatRomeDateTime } from "@/lib/reports/format";
import { INFERRED_LOGOUT_AFTER_SECONDS } from "@/lib/reports/session-end";
import type { DossierParticipantStatus, DossierPlan, DossierSessionEnd } from "./types";

/** Italian wording shared by the dossier's documents (pure). */

/** SHA-256 (hex) of a value's canonical JSON: what a document's footer prints as "SHA-256 dei dati". */
export function dataHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

/** `2:38 (2,63 ore)`: hours and minutes, then decimal hours, both rounded down. */
export function hoursText(seconds: number): string {
  return `${formatHoursMinutes(seconds)} (${decimalHours(seconds).toFixed(2).replace(".", ",")} ore)`;
}

export const hms = formatHoursMinutesSeconds;
/** `87,5 %` with a no-break space, so the sign never starts a line. */
export const percent = (value: number): string => formatPercentIt(value).replace(" ", "\u00a0");

export function dateTime(d: Date | null): string {
  return d ? formatRomeDateTime(d) : "—";
}

export function date(d: Date | null): string {
  return d ? formatRomeDate(d) : "—";
}

/** `HH:mm:ss` in Rome. */
export function time(d: Date): string {
  return formatRomeDateTime(d).slice(11);
}

/** `2027-03-01` → `01/03/2027`. */
export function isoDay(day: string | null): string {
  return day ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : "—";
}

export function period(plan: Pick<DossierPlan, "startsOn" | "endsOn">): string {
  if (!plan.startsOn && !plan.endsOn) return "—";
  return `dal ${isoDay(plan.startsOn)} al ${isoDay(plan.endsOn)}`;
}

/** How the plan is named at the top of pages and in footers. */
export function planSubject(plan: DossierPlan): string {
  return [`Piano «${plan.title}»`, plan.avviso, plan.protocol ? `prot. ${plan.protocol}` : null].filter(Boolean).join(" · ");
}

export const STATUS_IT: Record<DossierParticipantStatus, string> = {
  "non-iniziato": "non iniziato",
  "in-corso": "in corso",
  formato: "formato",
  "non-formato": "non formato",
};

/** The marks after a logout time, explained under each sessions table. */
export const SESSION_END_MARK: Record<DossierSessionEnd, string> = {
  "sign-out": "",
  inferred: " (d)",
  expired: " (s)",
  deactivated: " (a)",
  open: "",
};

const idle = `${Math.floor(INFERRED_LOGOUT_AFTER_SECONDS / 60)} min ${INFERRED_LOGOUT_AFTER_SECONDS % 60} s`;

export const SESSION_END_LEGEND =
  `Uscita senza segno: logout del partecipante. (d) uscita dedotta: ultima attività registrata più ${idle}, il tempo dopo il quale il server smette di accreditare tempo attivo. ` +
  "(s) sessione chiusa per inattività o scadenza. (a) account disattivato. «aperta»: sessione ancora in corso.";

export function score(value: number | null): string {
  return value === null ? "—" : percent(value);
}

export function yesNo(v: boolean): string {
  return v ? "sì" : "no";
}

/** A risk tag's Italian name (the analytics pages' words), never the tag itself. */
export function riskLabel(tag: string): string {
  return (analyticsIt.analytics.risks as Record<string, string>)[tag] ?? tag;
}

/** The training manager's signature box: the function, then who holds it and their role. */
export function trainingManagerBox(plan: DossierPlan): { role: string; name: string | null } {
  const { name, role } = plan.trainingManager;
  return { role: "Il responsabile della formazione", name: name ? `${name}${role ? `, ${role.charAt(0).toLowerCase()}${role.slice(1)}` : ""}` : null };
}

/** The company's seat in one line: the address, with the city unless the address already names it. */
export function seat(company: { address: string | null; city: string | null }): string | null {
  const address = company.address?.trim() || null;
  const city = company.city?.trim() || null;
  if (address && city && address.toLowerCase().includes(city.toLowerCase())) return address;
  return [address, city].filter(Boolean).join(", ") || null;
}

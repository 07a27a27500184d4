import { STATUS_LABELS_IT, type ParticipantStatus } from "./status";

/**
 * The filters of an export, as the "Riepilogo" sheet shows them to the person who reads it
 * (registers are Italian documents): "Corso: …; Stato: formato; Reparto: Vendite". Keys it does
 * not know are listed as they are, so nothing applied is ever hidden.
 */
export function describeFilters(filters: Record<string, string | number | null | undefined>, courseTitle?: string): string {
  const parts: string[] = [];
  const day = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso);
  const has = (k: string) => filters[k] !== undefined && filters[k] !== null && filters[k] !== "";
  const known = new Set(["course", "status", "overdue", "department", "from", "to", "q", "sort", "dir", "sep"]);
  if (has("course")) parts.push(`Corso: ${courseTitle ?? String(filters.course)}`);
  if (has("status")) parts.push(`Stato: ${STATUS_LABELS_IT[filters.status as ParticipantStatus] ?? String(filters.status)}`);
  if (has("overdue")) parts.push("Solo in ritardo");
  if (has("department")) parts.push(`Reparto: ${String(filters.department)}`);
  if (has("from") && has("to")) parts.push(`Periodo: dal ${day(String(filters.from))} al ${day(String(filters.to))}`);
  else if (has("from")) parts.push(`Periodo: dal ${day(String(filters.from))}`);
  else if (has("to")) parts.push(`Periodo: fino al ${day(String(filters.to))}`);
  if (has("q")) parts.push(`Ricerca: «${String(filters.q)}»`);
  for (const k of Object.keys(filters).sort()) if (!known.has(k) && has(k)) parts.push(`${k}: ${String(filters[k])}`);
  return parts.length ? parts.join("; ") : "nessuno: tutti i dati";
}

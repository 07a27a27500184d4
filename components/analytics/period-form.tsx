import { FilterInput } from "@/components/admin/filter-fields";

/** The period filter of the analytics pages (a GET form: the URL is the state). */
export function PeriodForm({ action, from, to, labels }: { action: string; from?: string; to?: string; labels: { period: string; from: string; to: string; apply: string } }) {
  return (
    <form method="get" action={action} className="analytics-period" aria-label={labels.period}>
      <FilterInput name="from" type="date" label={labels.from} defaultValue={from} />
      <FilterInput name="to" type="date" label={labels.to} defaultValue={to} />
      <button type="submit">{labels.apply}</button>
    </form>
  );
}

/** `?from=…&to=…` of the current period ("" when none). */
export function periodQuery(q: { from?: string; to?: string }): string {
  const sp = new URLSearchParams();
  if (q.from) sp.set("from", q.from);
  if (q.to) sp.set("to", q.to);
  const s = sp.toString();
  return s ? `?${s}` : "";
}

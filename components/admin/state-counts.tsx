import Link from "next/link";
import type { StateCounts } from "@/db/queries/register";

/** The columns every count table shows, in this order: the four states add up to "enrolled". */
export const STATE_COLUMNS = ["enrolled", "non-iniziato", "in-corso", "formato", "non-formato", "overdue"] as const;
type StateColumn = (typeof STATE_COLUMNS)[number];

export function stateCount(o: StateCounts, c: StateColumn): number {
  switch (c) {
    case "enrolled":
      return o.participants;
    case "non-iniziato":
      return o.nonIniziati;
    case "in-corso":
      return o.inProgress;
    case "formato":
      return o.formati;
    case "non-formato":
      return o.nonFormati;
    case "overdue":
      return o.overdue;
  }
}

/** The six count cells of one row; `label(c)` is the column heading shown on a phone. */
export function StateCountCells({ counts, label, href }: { counts: StateCounts; label: (c: StateColumn) => string; href?: (c: StateColumn) => string | null }) {
  return (
    <>
      {STATE_COLUMNS.map((c) => {
        const n = stateCount(counts, c);
        const link = n > 0 ? href?.(c) : null;
        return (
          <td key={c} data-label={label(c)} className="num">
            {link ? <Link href={link}>{n}</Link> : c === "overdue" && n > 0 ? <strong className="field-error">{n}</strong> : n}
          </td>
        );
      })}
    </>
  );
}

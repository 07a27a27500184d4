import { heatTint as tint } from "@/lib/analytics/heat-colour";

/**
 * A heatmap as a table: one row per risk, one column per group, each cell tinted by its
 * share (darker = higher) and always showing the figure as text, so it reads the same with
 * a screen reader, in high contrast and in print. Server component.
 */

export interface HeatCell {
  /** 0 to 1, or null for a cell without a figure. */
  share: number | null;
  /** What the cell says. */
  text: string;
  /** Shown under the figure (e.g. "12 persone"). */
  note?: string;
}

export function Heatmap({ caption, corner, columns, rows }: { caption: string; corner: string; columns: readonly string[]; rows: readonly { label: string; cells: readonly HeatCell[] }[] }) {
  return (
    // Wider than a phone: the region scrolls, so it takes the keyboard's focus to be scrolled.
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="heatmap">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{corner}</th>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              {r.cells.map((c, i) => (
                <td key={i} className="heatmap__cell" style={c.share === null ? undefined : tint(c.share)}>
                  {c.text}
                  {c.note ? (
                    <>
                      <br />
                      <span className={c.share === null ? "heatmap__small" : undefined} style={{ fontSize: "0.8rem" }}>
                        {c.note}
                      </span>
                    </>
                  ) : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

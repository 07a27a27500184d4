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

/**
 * Background and text colour for a share: light to dark red, text contrast ≥ 4.5:1 either way.
 * Between 53 % and 59 % lightness this red reaches 4.5:1 neither with dark nor with white text
 * (3.6–4.4:1), so those shares are drawn at 52 % (white text) or 60 % (dark text).
 */
function tint(share: number): { background: string; color: string } {
  const raw = Math.round(97 - share * 62);
  const lightness = raw > 52 && raw < 60 ? (raw < 56 ? 52 : 60) : raw;
  return { background: `hsl(4 70% ${lightness}%)`, color: lightness <= 52 ? "#ffffff" : "#1a1f2b" };
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

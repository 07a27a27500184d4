/**
 * A horizontal bar chart drawn on the server as SVG: no script, scales with its container
 * (usable at 375 px), and readable without sight: the SVG is an image whose title and
 * description list every bar with its value, and callers show the same figures in a table.
 */

export interface Bar {
  label: string;
  /** 0 to 1. */
  value: number;
  /** What a reader hears or sees beside the bar, e.g. "45 %". */
  valueText: string;
  /** Drawn in the accent colour (e.g. the right option). */
  accent?: boolean;
}

const ROW = 22;
const LABEL = 34;
const WIDTH = 320;
const VALUE = 48;

export function BarChart({ id, title, bars, marks = [], marksLabel }: { id: string; title: string; bars: readonly Bar[]; marks?: readonly number[]; marksLabel?: string }) {
  const plot = WIDTH - LABEL - VALUE;
  const height = bars.length * ROW + 4;
  const description = bars.map((b) => `${b.label}: ${b.valueText}`).join("; ") + (marksLabel ? `. ${marksLabel}` : "");
  return (
    <svg className="bar-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMinYMin meet">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {bars.map((b, i) => {
        const y = i * ROW + 2;
        const w = Math.max(0, Math.min(1, b.value)) * plot;
        return (
          <g key={`${b.label}-${i}`} aria-hidden="true">
            <text x={LABEL - 6} y={y + ROW / 2 + 4} textAnchor="end" className="bar-chart__label">
              {b.label}
            </text>
            <rect x={LABEL} y={y + 3} width={plot} height={ROW - 8} className="bar-chart__track" />
            <rect x={LABEL} y={y + 3} width={w} height={ROW - 8} className={b.accent ? "bar-chart__bar bar-chart__bar--accent" : "bar-chart__bar"} />
            <text x={LABEL + plot + 6} y={y + ROW / 2 + 4} className="bar-chart__value">
              {b.valueText}
            </text>
          </g>
        );
      })}
      {marks.map((m) => (
        <line key={m} aria-hidden="true" x1={LABEL + m * plot} x2={LABEL + m * plot} y1={0} y2={height} className="bar-chart__threshold" />
      ))}
    </svg>
  );
}

/** `0.456` → "46 %"; null → "–". */
export function pct(v: number | null): string {
  return v === null ? "–" : `${Math.round(v * 100)} %`;
}

/** A correlation or index with two decimals; null → "–". */
export function num(v: number | null, locale: string): string {
  return v === null ? "–" : v.toLocaleString(locale === "en" ? "en-GB" : "it-IT", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

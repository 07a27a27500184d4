/** A labelled progress bar (native <progress>, announced by screen readers). */
export function ProgressBar({ id, label, percent, text }: { id: string; label: string; percent: number; text: string }) {
  return (
    <div className="progress">
      <label htmlFor={id} className="progress__label">
        {label}
      </label>
      <progress id={id} max={100} value={percent} aria-describedby={`${id}-text`}>
        {percent}%
      </progress>
      <span id={`${id}-text`} className="muted">
        {text}
      </span>
    </div>
  );
}

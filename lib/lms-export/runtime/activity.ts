/**
 * Active time in a package, by the same rule as Binomio's lesson page: a beat every
 * `heartbeatMs` while a lesson is on screen, the page is visible and the learner gave input
 * (scroll, key, pointer, touch) in the last `idleMs`; each beat credited with Binomio's own
 * `creditHeartbeat` (at most interval + tolerance, nothing after a gap, nothing for the first).
 * Here the browser's clock stands in for the server's: the host LMS only receives the result.
 */
import { creditHeartbeat, type TimeCreditState } from "@/lib/progress/time-credit";

export interface ActivityClock {
  /** Beats count only while this returns true (a lesson is shown). */
  setCounting(on: boolean): void;
  /** One last beat (on exit), as the site sends on leave. */
  flush(): void;
  stop(): void;
}

export function startActivityClock(opts: { heartbeatMs: number; idleMs: number; onCredit: (seconds: number) => void }): ActivityClock {
  let lastInput = Date.now();
  let counting = false;
  let credit: TimeCreditState = { lastCreditedAt: null };
  const onInput = () => {
    lastInput = Date.now();
  };
  const active = () => counting && document.visibilityState === "visible" && Date.now() - lastInput < opts.idleMs;
  const beat = () => {
    if (!active()) return;
    const { creditSeconds, nextState } = creditHeartbeat(credit, Date.now(), { intervalMs: opts.heartbeatMs });
    credit = nextState;
    if (creditSeconds > 0) opts.onCredit(creditSeconds);
  };
  const events = ["scroll", "keydown", "pointerdown", "pointermove", "wheel", "touchstart"] as const;
  for (const e of events) window.addEventListener(e, onInput, { passive: true, capture: true });
  const timer = window.setInterval(beat, opts.heartbeatMs);
  return {
    setCounting(on) {
      counting = on;
    },
    flush: beat,
    stop() {
      window.clearInterval(timer);
      for (const e of events) window.removeEventListener(e, onInput, { capture: true });
    },
  };
}

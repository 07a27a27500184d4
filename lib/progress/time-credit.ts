/**
 * Server-side crediting of active time from lesson heartbeats (pure; the caller passes the
 * server's clock and persists the state per learner).
 *
 * The lesson page POSTs a heartbeat every {@link HEARTBEAT_INTERVAL_MS} while it is visible
 * and the learner interacted recently; it sends nothing otherwise. Funded training needs
 * *active* time credited by the server, so the client's timestamps are never used: the
 * credit depends only on when heartbeats reach the server.
 */

/** How often the lesson page sends a heartbeat while the learner is active. */
export const HEARTBEAT_INTERVAL_MS = 30_000;

/** No input (scroll, key, pointer) for this long means the learner is away: the page sends no heartbeat. */
export const INPUT_IDLE_MS = 2 * 60_000;

export type TimeCreditOptions = {
  /** The client's heartbeat period. */
  intervalMs: number;
  /** Network and timer jitter allowed on top of the interval. */
  toleranceMs: number;
  /**
   * Above this gap the learner was away: nothing is credited and the clock restarts.
   * Defaults to four intervals plus the tolerance (2 min 5 s with the defaults).
   */
  idleLimitMs: number;
};

export const DEFAULT_TIME_CREDIT_OPTIONS: Readonly<TimeCreditOptions> = {
  intervalMs: HEARTBEAT_INTERVAL_MS,
  toleranceMs: 5_000,
  idleLimitMs: 4 * HEARTBEAT_INTERVAL_MS + 5_000,
};

/** Per learner, across all lessons (two tabs must not earn double time). */
export type TimeCreditState = {
  /**
   * Unix ms up to which time has been credited, or null before the first heartbeat. It is
   * the time of the last heartbeat that counted, minus the sub-second remainder not yet
   * credited (so 30.6 s + 30.6 s credits 61 s, not 60).
   */
  lastCreditedAt: number | null;
};

export type TimeCredit = { creditSeconds: number; nextState: TimeCreditState };

/**
 * Decides how many whole seconds a heartbeat received at `nowMs` (the SERVER's clock) credits.
 *
 * - First heartbeat (`lastCreditedAt` null): credits 0 and starts the clock.
 * - `elapsed = nowMs − lastCreditedAt`:
 *   - `elapsed ≤ 0` (duplicate, replay, server clock stepped back a little): 0, clock unchanged;
 *     but a step back larger than the idle limit restarts the clock at `nowMs`, so a corrected
 *     server clock cannot freeze crediting for the size of the correction;
 *   - `elapsed > idleLimitMs` (the learner was away, or the tab was hidden): 0, clock restarts;
 *   - otherwise `floor(min(elapsed, intervalMs + toleranceMs) / 1000)` seconds. The clock
 *     advances by exactly what was credited, so the sub-second remainder carries over; when
 *     the cap applied, the clock jumps to `nowMs` (the time beyond the cap is dropped).
 *
 * Hence the credits of any sequence of heartbeats never add up to more than the time between
 * the first and the last of them, however many arrive (a flood of 100 heartbeats in one
 * second credits at most 1 s), and one heartbeat never credits more than interval + tolerance.
 *
 * @throws RangeError when `nowMs` or a stored `lastCreditedAt` is not finite, or the options are inconsistent
 */
export function creditHeartbeat(state: TimeCreditState, nowMs: number, opts: Partial<TimeCreditOptions> = {}): TimeCredit {
  if (!Number.isFinite(nowMs)) throw new RangeError("creditHeartbeat: nowMs must be a finite number");
  const intervalMs = opts.intervalMs ?? DEFAULT_TIME_CREDIT_OPTIONS.intervalMs;
  const toleranceMs = opts.toleranceMs ?? DEFAULT_TIME_CREDIT_OPTIONS.toleranceMs;
  const idleLimitMs = opts.idleLimitMs ?? 4 * intervalMs + toleranceMs;
  if (!(intervalMs > 0 && toleranceMs >= 0 && idleLimitMs >= intervalMs + toleranceMs)) {
    throw new RangeError("creditHeartbeat: need intervalMs > 0, toleranceMs ≥ 0, idleLimitMs ≥ intervalMs + toleranceMs");
  }
  const last = state.lastCreditedAt;
  if (last === null) return { creditSeconds: 0, nextState: { lastCreditedAt: nowMs } };
  if (!Number.isFinite(last)) throw new RangeError("creditHeartbeat: lastCreditedAt must be a finite number or null");

  const elapsed = nowMs - last;
  if (elapsed <= 0) {
    return { creditSeconds: 0, nextState: -elapsed > idleLimitMs ? { lastCreditedAt: nowMs } : state };
  }
  if (elapsed > idleLimitMs) return { creditSeconds: 0, nextState: { lastCreditedAt: nowMs } };

  const cap = intervalMs + toleranceMs;
  if (elapsed > cap) return { creditSeconds: Math.floor(cap / 1000), nextState: { lastCreditedAt: nowMs } };
  const creditSeconds = Math.floor(elapsed / 1000);
  return { creditSeconds, nextState: creditSeconds === 0 ? state : { lastCreditedAt: last + creditSeconds * 1000 } };
}

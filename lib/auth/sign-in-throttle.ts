/**
 * How sign-in attempts are throttled. Pure module: the counts come from `login_attempts`
 * (lib/auth/authenticate.ts reads them), the rule is unit-tested beside it.
 *
 * The goal is two-sided: slow down whoever guesses, and never let a stranger lock the owner
 * out. So failures count per account *and source* (the client address, lib/auth/client-ip.ts):
 * - a source gets {@link FREE_FAILURES} failures on an account; after that each further attempt
 *   from it on that account must wait twice as long as the last ({@link BASE_DELAY_MS} doubling,
 *   at most {@link MAX_DELAY_MS}), measured from its latest failure — even with the right
 *   password, or the wait would be pointless;
 * - once an account has {@link ACCOUNT_ALERT_FAILURES} failures from anywhere in the window,
 *   every source gets only one free failure on it (a botnet gets one guess per address);
 * - a source with no failures on the account is never delayed on its account: the owner, from
 *   their own computer, always gets in with the right password;
 * - a source failing on many accounts (a flood of e-mails, real or random) is delayed on all of
 *   them past {@link SOURCE_FREE_FAILURES} failures, before any password is hashed, so a flood
 *   costs the server nothing and real sign-ins stay fast.
 * Only failures inside {@link WINDOW_MS} count. The owner is told once the account reaches
 * {@link ACCOUNT_ALERT_FAILURES} failures (see `authenticate`).
 */

export const WINDOW_MS = 15 * 60 * 1000;
export const FREE_FAILURES = 3;
export const ACCOUNT_ALERT_FAILURES = 10;
export const SOURCE_FREE_FAILURES = 20;
export const BASE_DELAY_MS = 30 * 1000;
export const MAX_DELAY_MS = WINDOW_MS;

/** Failures inside the window, and when the latest happened. */
export type FailureCount = { count: number; latest: Date | null };

export type ThrottleInput = {
  /** This account from this source. */
  accountFromSource: FailureCount;
  /** This account from every source. */
  account: FailureCount;
  /** This source on every account. */
  source: FailureCount;
};

/** The wait after `failures` failures when `free` of them cost nothing: 0, then 30 s, 60 s, 2 min, … */
export function delayAfter(failures: number, free: number): number {
  if (failures <= free) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - free - 1));
}

/**
 * May this attempt go ahead now? @returns null, or when it may (the caller answers
 * "rate limited" without checking the password).
 */
export function throttle(input: ThrottleInput, now: Date): Date | null {
  const waits: number[] = [];
  if (input.accountFromSource.latest) {
    const free = input.account.count >= ACCOUNT_ALERT_FAILURES ? 1 : FREE_FAILURES;
    waits.push(input.accountFromSource.latest.getTime() + delayAfter(input.accountFromSource.count, free));
  }
  if (input.source.latest) waits.push(input.source.latest.getTime() + delayAfter(input.source.count, SOURCE_FREE_FAILURES));
  const until = Math.max(0, ...waits);
  return until > now.getTime() ? new Date(until) : null;
}

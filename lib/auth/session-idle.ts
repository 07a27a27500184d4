import { z } from "zod";

/** Minutes without activity after which a sign-in session is refused (SESSION_IDLE_MINUTES). */
export const DEFAULT_SESSION_IDLE_MINUTES = 120;

const IdleMinutes = z.coerce
  .number({ error: "SESSION_IDLE_MINUTES must be a whole number of minutes" })
  .int("SESSION_IDLE_MINUTES must be a whole number of minutes")
  .min(5, "SESSION_IDLE_MINUTES must be at least 5 (heartbeats and page views refresh a session at most once a minute)")
  .max(60 * 24 * 30, "SESSION_IDLE_MINUTES must be at most 43200 (30 days)");

let cached: { raw: string | undefined; minutes: number } | undefined;

/**
 * SESSION_IDLE_MINUTES, default {@link DEFAULT_SESSION_IDLE_MINUTES}. Read on every session
 * check, parsed once per distinct value.
 * @throws Error with a readable message when the variable is set to something invalid
 *   (the server checks it at start-up, in instrumentation.ts, so this never first shows on a request)
 */
export function sessionIdleMinutes(raw: string | undefined = process.env.SESSION_IDLE_MINUTES): number {
  if (cached && cached.raw === raw) return cached.minutes;
  let minutes = DEFAULT_SESSION_IDLE_MINUTES;
  if (raw !== undefined && raw.trim() !== "") {
    const parsed = IdleMinutes.safeParse(raw);
    if (!parsed.success) throw new Error(`Invalid environment: ${parsed.error.issues[0]!.message} (got "${raw}")`);
    minutes = parsed.data;
  }
  cached = { raw, minutes };
  return minutes;
}

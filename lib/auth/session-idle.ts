import { env } from "@/lib/env";

/**
 * SESSION_IDLE_MINUTES (validated in `lib/env.ts`), default 120.
 * Read on every session check; `env()` parses it once.
 * @throws Error with a readable message when the variable is set to something invalid
 *   (the server checks it at start-up, in instrumentation.ts, so this never first shows on a request)
 */
export function sessionIdleMinutes(): number {
  return env().SESSION_IDLE_MINUTES;
}

import { env } from "@/lib/env";

/** The Auth.js secret (set by scripts/start.ts or the environment). */
export function authSecret(): string {
  const s = env().AUTH_SECRET;
  if (!s) throw new Error("AUTH_SECRET is not set: start the site with `npm start` or `npm run demo`, or set AUTH_SECRET.");
  return s;
}

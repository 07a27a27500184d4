import type { RegisterClock } from "@/db/queries/register";
import { SUBMIT_GRACE_MS } from "@/lib/attempts/lifecycle";
import { romeToday } from "@/lib/dates";

/**
 * The rule values the register's SQL needs at `now`: today in the company's time zone (a due
 * date before it is overdue) and the grace during which an expired final-test attempt may still
 * be submitted (it still counts as open, so the learner is not yet "non formato").
 */
export function registerClock(now = new Date()): RegisterClock {
  return { nowSeconds: Math.floor(now.getTime() / 1000), today: romeToday(now), submitGraceSeconds: Math.ceil(SUBMIT_GRACE_MS / 1000) };
}

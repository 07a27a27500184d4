import "server-only";
import type { Engine } from "@/db/engine/types";
import { answerCheck, type PublicPresenceCheck } from "@/lib/presence/checks";
import type { Rng } from "@/lib/quiz/random";

/**
 * Demo only: a learner answering the presence check a heartbeat just asked, right, after a few
 * seconds (4 to 25), through the same function the route calls. Returns the clock after the
 * answer: the journey's next heartbeat comes 30 s later, so no time is credited while the
 * question stood open. The draws come from the caller's own generator, kept apart from the
 * one that shapes the rest of the demo, so switching checks on changes nothing else.
 */
export async function answerDemoPresenceCheck(d: Engine, who: { userId: number; sessionId: string | null }, check: PublicPresenceCheck, nowMs: number, rng: Rng): Promise<number> {
  const answeredAtMs = nowMs + 4_000 + Math.floor(rng() * 21_000);
  const r = await answerCheck(d, { ...who, id: check.id, answer: check.a + check.b, nowMs: answeredAtMs, random: rng });
  if (!r.ok || !r.correct) throw new Error(`demo presence check ${check.id} not answered: ${JSON.stringify(r)}`);
  return answeredAtMs;
}

import "server-only";
import type { Engine } from "@/db/engine/types";
import { countHeldHeartbeats, listPlansForRetention, markHeldPairs, rollUpOldHeartbeats } from "@/db/queries/retention";
import { evidenceHold, FUNDED_EVIDENCE_YEARS } from "./funded-evidence";

/** A funded plan whose evidence was kept back, and until when (null: while the plan is open). */
export type HeldPlan = { id: number; companyId: number; title: string; fund: string; endsOn: string | null; keptThrough: string | null; heartbeats: number };

export type RollupResult = {
  cutoff: Date;
  rolledUp: number;
  days: number;
  /** Heartbeats older than the cutoff kept as evidence of funded plans (each counted once). */
  kept: number;
  /** The plans under a hold, with the old heartbeats each keeps (a heartbeat of two plans counts in both). */
  heldPlans: HeldPlan[];
};

/**
 * Rolls heartbeat detail older than `retentionDays` up into per-day totals
 * (`heartbeat_daily`) and deletes the detail, in one transaction. The per-lesson totals
 * (`lesson_progress.active_seconds`) and the access log (`auth_sessions`) are separate and
 * untouched, so reports do not change; only the beat-by-beat trail is summarised.
 *
 * The heartbeats of a funded plan's participants on the plan's courses are never rolled up
 * until `FUNDED_EVIDENCE_YEARS` after the plan ends (never while it has no end date): they are
 * the raw evidence (`./funded-evidence.ts`, `db/queries/retention.ts`).
 */
export async function rollUpHeartbeats(d: Engine, retentionDays: number, now = new Date()): Promise<RollupResult> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const cutoffSeconds = Math.floor(cutoff.getTime() / 1000);
  return d.write(async () => {
    const holds = (await listPlansForRetention(d)).flatMap((p) => {
      const hold = evidenceHold(p, now, FUNDED_EVIDENCE_YEARS);
      return hold ? [{ ...p, keptThrough: hold.keptThrough }] : [];
    });
    const heldIds = holds.map((p) => p.id);
    await markHeldPairs(d, heldIds);
    const held: HeldPlan[] = [];
    for (const p of holds) held.push({ ...p, heartbeats: await countHeldHeartbeats(d, [p.id], cutoffSeconds) });
    const kept = heldIds.length ? await countHeldHeartbeats(d, heldIds, cutoffSeconds) : 0;
    const { rolledUp, days } = await rollUpOldHeartbeats(d, heldIds, cutoffSeconds);
    return { cutoff, rolledUp, days, kept, heldPlans: held };
  });
}

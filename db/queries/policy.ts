import "server-only";
import { and, eq } from "drizzle-orm";
import type { AppDatabase } from "../open";
import { policyAcknowledgements } from "../schema";

export function hasAcknowledgedPolicy(d: AppDatabase, userId: number, version: string): boolean {
  return !!d.orm
    .select({ id: policyAcknowledgements.id })
    .from(policyAcknowledgements)
    .where(and(eq(policyAcknowledgements.userId, userId), eq(policyAcknowledgements.policyVersion, version)))
    .get();
}

/** Records the acknowledgement of one policy version; acknowledging again changes nothing. */
export function acknowledgePolicy(d: AppDatabase, userId: number, version: string, courseSlug: string | null, now = new Date()): boolean {
  return (
    d.orm.insert(policyAcknowledgements).values({ userId, policyVersion: version, courseSlug, acknowledgedAt: now }).onConflictDoNothing().run().changes === 1
  );
}

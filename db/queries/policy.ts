import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { AppDatabase } from "../open";
import { preparedQuery } from "../prepared";
import { policyAcknowledgements } from "../schema";

export function hasAcknowledgedPolicy(d: AppDatabase, userId: number, version: string): boolean {
  return !!preparedQuery(d, "hasAcknowledgedPolicy", (orm) =>
    orm
      .select({ id: policyAcknowledgements.id })
      .from(policyAcknowledgements)
      .where(and(eq(policyAcknowledgements.userId, sql.placeholder("userId")), eq(policyAcknowledgements.policyVersion, sql.placeholder("version"))))
      .prepare(),
  ).get({ userId, version });
}

/** Records the acknowledgement of one policy version; acknowledging again changes nothing. */
export function acknowledgePolicy(d: AppDatabase, userId: number, version: string, courseSlug: string | null, now = new Date()): boolean {
  return (
    d.orm.insert(policyAcknowledgements).values({ userId, policyVersion: version, courseSlug, acknowledgedAt: now }).onConflictDoNothing().run().changes === 1
  );
}

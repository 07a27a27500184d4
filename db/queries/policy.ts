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

/**
 * Records the acknowledgement of one policy version, with the hash of the text as it was
 * shown (company values filled in); acknowledging again changes nothing.
 */
export function acknowledgePolicy(
  d: AppDatabase,
  userId: number,
  version: string,
  courseSlug: string | null,
  now = new Date(),
  shown: { textHash: string; locale: "it" | "en" } | null = null,
): boolean {
  return (
    d.orm
      .insert(policyAcknowledgements)
      .values({ userId, policyVersion: version, courseSlug, acknowledgedAt: now, textHash: shown?.textHash ?? null, locale: shown?.locale ?? null })
      .onConflictDoNothing()
      .run().changes === 1
  );
}

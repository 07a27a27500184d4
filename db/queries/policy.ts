import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Engine } from "../engine/types";
import { changes, orm, preparedQuery } from "../engine/orm";
import { policyAcknowledgements } from "../schema";

export async function hasAcknowledgedPolicy(d: Engine, userId: number, version: string): Promise<boolean> {
  return !!(await preparedQuery(d, "hasAcknowledgedPolicy", (orm) =>
    orm
      .select({ id: policyAcknowledgements.id })
      .from(policyAcknowledgements)
      .where(and(eq(policyAcknowledgements.userId, sql.placeholder("userId")), eq(policyAcknowledgements.policyVersion, sql.placeholder("version"))))
      .prepare(),
  ).get({ userId, version }));
}

/**
 * Records the acknowledgement of one policy version, with the hash of the text as it was
 * shown (company values filled in); acknowledging again changes nothing.
 */
export async function acknowledgePolicy(
  d: Engine,
  userId: number,
  version: string,
  courseSlug: string | null,
  now = new Date(),
  shown: { textHash: string; locale: "it" | "en" } | null = null,
): Promise<boolean> {
  return (
    changes(
      await orm(d)
        .insert(policyAcknowledgements)
      .values({ userId, policyVersion: version, courseSlug, acknowledgedAt: now, textHash: shown?.textHash ?? null, locale: shown?.locale ?? null })
        .onConflictDoNothing()
        .run(),
    ) === 1
  );
}

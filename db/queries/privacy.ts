import "server-only";
import { changes, orm } from "../engine/orm";
import type { Engine } from "../engine/types";
import { privacyAcknowledgements } from "../schema";

/**
 * Records that a user acknowledged a notice version, with the hash of the text as it was shown
 * (the controller's details filled in); acknowledging again changes nothing.
 */
export async function acknowledgePrivacy(
  d: Engine,
  userId: number,
  noticeVersion: string,
  now = new Date(),
  shown: { textHash: string; locale: "it" | "en" } | null = null,
): Promise<boolean> {
  const res = await orm(d)
    .insert(privacyAcknowledgements)
    .values({ userId, noticeVersion, acknowledgedAt: now, textHash: shown?.textHash ?? null, locale: shown?.locale ?? null })
    .onConflictDoNothing()
    .run();
  return changes(res) === 1;
}

import "server-only";
import type { AppDatabase } from "../open";
import { privacyAcknowledgements } from "../schema";

/**
 * Records that a user acknowledged a notice version, with the hash of the text as it was shown
 * (the controller's details filled in); acknowledging again changes nothing.
 */
export function acknowledgePrivacy(
  d: AppDatabase,
  userId: number,
  noticeVersion: string,
  now = new Date(),
  shown: { textHash: string; locale: "it" | "en" } | null = null,
): boolean {
  const res = d.orm
    .insert(privacyAcknowledgements)
    .values({ userId, noticeVersion, acknowledgedAt: now, textHash: shown?.textHash ?? null, locale: shown?.locale ?? null })
    .onConflictDoNothing()
    .run();
  return res.changes === 1;
}

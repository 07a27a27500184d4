import "server-only";
import type { AppDatabase } from "../open";
import { privacyAcknowledgements } from "../schema";

/** Records that a user acknowledged a notice version; acknowledging again changes nothing. */
export function acknowledgePrivacy(d: AppDatabase, userId: number, noticeVersion: string, now = new Date()): boolean {
  const res = d.orm.insert(privacyAcknowledgements).values({ userId, noticeVersion, acknowledgedAt: now }).onConflictDoNothing().run();
  return res.changes === 1;
}

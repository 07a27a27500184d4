import "server-only";
import type { AppDatabase } from "@/db/open";
import { inviteUser } from "@/lib/account/invite";
import { deliverMail } from "@/lib/mail/deliver";

/**
 * New people (from the CSV import or the "new person" form) get their invitation: a one-time
 * link to set a password, queued in the outbox and sent when SMTP is configured.
 * @returns how many invitations were queued.
 */
export async function afterImport(d: AppDatabase, createdUserIds: readonly number[], actorId: number): Promise<number> {
  const outboxIds: number[] = [];
  for (const id of createdUserIds) {
    const r = inviteUser(d, id, { invitedBy: actorId });
    if (r.ok) outboxIds.push(r.outboxId);
  }
  if (outboxIds.length) await deliverMail(d, outboxIds);
  return outboxIds.length;
}

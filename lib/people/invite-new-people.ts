import "server-only";
import type { Engine } from "@/db/engine/types";
import { inviteUser } from "@/lib/account/invite";
import { deliverMail, type DeliveryReport } from "@/lib/mail/deliver";

/**
 * New people (from the CSV import or the "new person" form) get their invitation: a one-time
 * link to set a password, queued in the outbox and sent when SMTP is configured.
 * @returns what really happened to the invitations: sent, failed, or held in the outbox
 *          (no SMTP) — so the page can say so instead of claiming they were sent.
 */
export async function inviteNewPeople(d: Engine, createdUserIds: readonly number[], actorId: number): Promise<DeliveryReport> {
  const outboxIds: number[] = [];
  for (const id of createdUserIds) {
    const r = await inviteUser(d, id, { invitedBy: actorId });
    if (r.ok) outboxIds.push(r.outboxId);
  }
  if (!outboxIds.length) return { sent: 0, failed: 0, held: 0 };
  return deliverMail(d, outboxIds);
}

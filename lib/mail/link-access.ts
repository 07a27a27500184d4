import "server-only";
import type { AppDatabase } from "@/db/open";
import { findAuditEvent } from "@/db/queries/audit";
import { appendAuditEvent } from "@/lib/audit/trail";

/**
 * Who may read a one-time link (invitation, password reset) in the outbox. Without a mail
 * server the links wait there, and whoever reads one can sign in as its recipient; so an admin
 * sees it at once only in an invitation they sent themselves, and any other link only after
 * asking for it — a request recorded in the audit trail (`outbox.link-reveal`) and valid for
 * that admin's current sign-in session only.
 */

/** Was this mail an invitation `adminId` sent? */
export function invitationSentBy(d: AppDatabase, outboxId: number, adminId: number): boolean {
  return findAuditEvent(d, { type: "account.invite", actorUserId: adminId, dataOutboxId: outboxId }) !== undefined;
}

/** May this admin, in this session, read the links of this mail? */
export function mayReadLinks(d: AppDatabase, outboxId: number, admin: { id: number; sessionId: string }): boolean {
  return (
    invitationSentBy(d, outboxId, admin.id) ||
    findAuditEvent(d, { type: "outbox.link-reveal", actorUserId: admin.id, sessionId: admin.sessionId, subject: `outbox:${outboxId}` }) !== undefined
  );
}

/** Records that this admin asked to read the links of a mail (to forward it by hand). */
export async function revealLinks(d: AppDatabase, outbox: { id: number; kind: string; userId: number | null }, admin: { id: number; sessionId: string }): Promise<void> {
  await appendAuditEvent(d, {
    type: "outbox.link-reveal",
    actorUserId: admin.id,
    sessionId: admin.sessionId,
    subject: `outbox:${outbox.id}`,
    data: { kind: outbox.kind, recipientUserId: outbox.userId },
  });
}

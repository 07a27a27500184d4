import "server-only";
import type { Engine } from "@/db/engine/types";
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
export async function invitationSentBy(d: Engine, outboxId: number, adminId: number): Promise<boolean> {
  return await findAuditEvent(d, { type: "account.invite", actorUserId: adminId, dataOutboxId: outboxId }) !== undefined;
}

/** May this admin, in this session, read the links of this mail? */
export async function mayReadLinks(d: Engine, outboxId: number, admin: { id: number; sessionId: string }): Promise<boolean> {
  return (
    await invitationSentBy(d, outboxId, admin.id) ||
    await findAuditEvent(d, { type: "outbox.link-reveal", actorUserId: admin.id, sessionId: admin.sessionId, subject: `outbox:${outboxId}` }) !== undefined
  );
}

/** Records that this admin asked to read the links of a mail (to forward it by hand). */
export async function revealLinks(d: Engine, outbox: { id: number; kind: string; userId: number | null }, admin: { id: number; sessionId: string }): Promise<void> {
  await appendAuditEvent(d, {
    type: "outbox.link-reveal",
    actorUserId: admin.id,
    sessionId: admin.sessionId,
    subject: `outbox:${outbox.id}`,
    data: { kind: outbox.kind, recipientUserId: outbox.userId },
  });
}

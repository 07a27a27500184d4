import "server-only";
import type { Engine } from "@/db/engine/types";
import { appendAuditEvent } from "@/lib/audit/trail";

/** Account events, as named in `AUDIT_EVENT_TYPES`. */
export const ACCOUNT_EVENTS = {
  /** An admin sent an invitation (subject: the invited user). */
  invite: "account.invite",
  /** A user chose a password through an invitation or reset link. */
  passwordSet: "account.password-set",
} as const;

export async function appendAccountEvent(
  d: Engine,
  e: { type: keyof typeof ACCOUNT_EVENTS; actorUserId: number | null; sessionId?: string | null; subjectUserId: number; data: Record<string, unknown>; at: Date },
): Promise<void> {
  await appendAuditEvent(d, {
    type: ACCOUNT_EVENTS[e.type],
    actorUserId: e.actorUserId,
    sessionId: e.sessionId ?? null,
    subject: `user:${e.subjectUserId}`,
    data: e.data,
    at: e.at,
  });
}

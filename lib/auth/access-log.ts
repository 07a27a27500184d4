import "server-only";
import { randomUUID } from "node:crypto";
import type { Engine } from "@/db/engine/types";
import { createAuthSession, endAuthSession } from "@/db/queries/auth";
import { appendAuditEvent } from "@/lib/audit/trail";

/**
 * The access log's two events: a sign-in opens an `auth_sessions` row (what the funds call
 * the connection time) with its audit event; a sign-out closes it (the disconnection time).
 * Everything a learner does afterwards is recorded with the session's id.
 */
export async function openAccessSession(
  d: Engine,
  s: { userId: number; ip: string | null; userAgent: string | null; now?: Date; /** How the person proved who they are, when not by password: the SSO provider id. */ via?: string },
): Promise<string> {
  const now = s.now ?? new Date();
  const sessionId = randomUUID();
  await d.write(async () => {
    await createAuthSession(d, { id: sessionId, userId: s.userId, ip: s.ip, userAgent: s.userAgent, now });
    await appendAuditEvent(d, { type: "auth.sign-in", actorUserId: s.userId, sessionId, subject: `user:${s.userId}`, data: s.via ? { ip: s.ip, via: s.via } : { ip: s.ip }, at: now });
  });
  return sessionId;
}

/** Closes an open session (sign-out); nothing happens for one already closed. */
export async function closeAccessSession(d: Engine, sessionId: string, now = new Date()): Promise<boolean> {
  return d.write(async () => {
    const userId = await endAuthSession(d, sessionId, "sign-out", now);
    if (userId === null) return false;
    await appendAuditEvent(d, { type: "auth.sign-out", actorUserId: userId, sessionId, subject: `user:${userId}`, at: now });
    return true;
  });
}

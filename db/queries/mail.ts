import "server-only";
import { and, asc, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { orm } from "../engine/orm";
import type { Engine } from "../engine/types";
import { outbox } from "../schema";

export type OutboxInsert = {
  to: string;
  subject: string;
  text: string;
  html: string;
  kind: string;
  userId: number | null;
  /** The company the mail is sent for: its sender name and reply-to, and who may read it. */
  companyId: number | null;
  now?: Date;
};

/** Writes one mail to the outbox (in the caller's transaction, if any) and returns its id. */
export async function insertOutboxMail(d: Engine, m: OutboxInsert): Promise<number> {
  const row = await orm(d)
    .insert(outbox)
    .values({ toAddress: m.to, subject: m.subject, text: m.text, html: m.html, kind: m.kind, userId: m.userId, companyId: m.companyId, createdAt: m.now ?? new Date() })
    .returning({ id: outbox.id })
    .get();
  return row.id;
}

export type OutboxMail = typeof outbox.$inferSelect;

/** One stored mail of the company, or undefined (another company's mail is answered like an unknown one). */
export async function getOutboxMail(d: Engine, companyId: number, id: number): Promise<OutboxMail | undefined> {
  return orm(d).select().from(outbox).where(and(eq(outbox.id, id), eq(outbox.companyId, companyId))).get();
}

/** Stored mails by id that have not been delivered yet (the ones a delivery run should send). */
export async function listUndeliveredByIds(d: Engine, ids: readonly number[]): Promise<OutboxMail[]> {
  if (ids.length === 0) return [];
  return orm(d)
    .select()
    .from(outbox)
    .where(and(isNull(outbox.sentAt), inArray(outbox.id, [...ids])))
    .orderBy(asc(outbox.id));
}

/**
 * Undelivered mails worth retrying: those whose delivery failed, and those queued before
 * `queuedBefore` that nobody delivered (the process that queued them stopped first), created
 * after `createdAfter`. Recent queued mails are left to the process that queued them, so they
 * are not sent twice.
 */
export async function listRetryableIds(d: Engine, queuedBefore: Date, createdAfter: Date, limit: number): Promise<number[]> {
  const rows = await d.all<{ id: number }>(
    "SELECT id FROM outbox WHERE sent_at IS NULL AND created_at > ? AND (error IS NOT NULL OR created_at < ?) ORDER BY id LIMIT ?",
    [Math.floor(createdAfter.getTime() / 1000), Math.floor(queuedBefore.getTime() / 1000), limit],
  );
  return rows.map((r) => r.id);
}

/**
 * Marks a mail delivered. `text`/`html`, when given, replace the stored copy (the personal
 * link is removed once it has left). Only an undelivered row changes: returns false otherwise.
 */
export async function markOutboxSent(d: Engine, id: number, at: Date, scrubbed?: { text: string; html: string }): Promise<boolean> {
  const res = await d.run("UPDATE outbox SET sent_at = ?, error = NULL, text = coalesce(?, text), html = coalesce(?, html) WHERE id = ? AND sent_at IS NULL", [
    Math.floor(at.getTime() / 1000),
    scrubbed?.text ?? null,
    scrubbed?.html ?? null,
    id,
  ]);
  return res.changes === 1;
}

/** Records why the last delivery attempt failed (the row stays undelivered, for a retry). */
export async function markOutboxFailed(d: Engine, id: number, error: string): Promise<void> {
  await d.run("UPDATE outbox SET error = ? WHERE id = ? AND sent_at IS NULL", [error.slice(0, 1000), id]);
}

export type OutboxRow = Pick<OutboxMail, "id" | "toAddress" | "subject" | "kind" | "createdAt" | "sentAt" | "error">;

export const OUTBOX_PAGE_SIZE = 50;

/** A company's outbox for its admins, newest first, paginated. */
export async function listOutbox(d: Engine, companyId: number, page = 1): Promise<{ rows: OutboxRow[]; total: number }> {
  const total = (await orm(d).select({ n: count() }).from(outbox).where(eq(outbox.companyId, companyId)).get())?.n ?? 0;
  const rows = await orm(d)
    .select({
      id: outbox.id,
      toAddress: outbox.toAddress,
      subject: outbox.subject,
      kind: outbox.kind,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      error: outbox.error,
    })
    .from(outbox)
    .where(eq(outbox.companyId, companyId))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(OUTBOX_PAGE_SIZE)
    .offset((Math.max(1, page) - 1) * OUTBOX_PAGE_SIZE);
  return { rows, total };
}

/** Has a mail of this kind been written for this user since `since`? */
export async function hasMailSince(d: Engine, userId: number, kind: string, since: Date): Promise<boolean> {
  const row = await d.get<{ one: number }>("SELECT 1 AS one FROM outbox WHERE user_id = ? AND kind = ? AND created_at >= ? LIMIT 1", [userId, kind, Math.floor(since.getTime() / 1000)]);
  return row !== undefined;
}

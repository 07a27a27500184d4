/**
 * The hash-chained audit trail (`audit_events`). Each event's hash covers its own fields,
 * its id and the previous event's hash, so editing, deleting or reordering any stored event
 * breaks the chain from that point; `verifyAuditChain` finds the first bad event.
 *
 * The chain alone cannot notice the newest events being cut off, so the verifier also
 * compares the last id with the highest id ever stored (SQLite's AUTOINCREMENT counter,
 * PostgreSQL's `audit_chain_head`). Someone able
 * to rewrite the whole file can still forge a consistent chain: for the registers, print the
 * event count and the last hash in the signed reports (an external anchor).
 */
import "server-only";
import type { AuditEvent } from "@/db/schema";
import type { Engine, Queryable, Transaction } from "@/db/engine/types";
import { auditHighWaterMark, auditRowsAfter, insertAuditEvent, lastAuditLink, type AuditRowValues, type StoredAuditRow as StoredRow } from "@/db/queries/audit";
import type { AuditEventType } from "./events";
import { auditEventHash, canonicalJson, GENESIS_HASH, type AuditHashFields } from "./hash";

export type AuditEventInput = {
  type: AuditEventType;
  actorUserId?: number | null;
  sessionId?: string | null;
  subject?: string | null;
  /** Details of the event; stored as canonical JSON. Keep it minimal (no behavioural profiling). */
  data?: Record<string, unknown>;
  /** Defaults to now; stored to the second. */
  at?: Date;
};

/** Lone UTF-16 surrogates would be replaced when stored as UTF-8 and the hash would no longer match. */
function text(v: string | null | undefined): string | null {
  return v == null ? null : v.toWellFormed();
}

/**
 * Appends one event to the chain and returns the stored row, on either engine (db/engine).
 *
 * Given the engine, it opens its own write transaction, or joins the one its caller holds (as
 * a savepoint: it commits or rolls back with it); given a transaction, it runs in it. The
 * chain's lock is taken before the last hash is read and held to the end of the transaction
 * (PostgreSQL's advisory lock; SQLite's write lock already is one), so appends from several
 * app processes chain in one order and never fork. The id is chosen here (`last id + 1`)
 * because the hash must cover it.
 *
 * @throws RangeError on an invalid `at` or a non-integer `actorUserId`; TypeError when
 *   `data` is not JSON-serialisable (BigInt, cycles)
 */
export async function appendAuditEvent(on: Engine | Transaction, e: AuditEventInput): Promise<AuditEvent> {
  const event = preparedEvent(e);
  if ("lock" in on) return chained(on, event);
  return on.write((tx) => chained(tx, event), { concurrent: true });
}

async function chained(tx: Transaction, event: PreparedEvent): Promise<AuditEvent> {
  await tx.lock("auditChain");
  const last = await lastAuditLink(tx);
  let row: AuditRowValues | undefined;
  const stored = storedEvent(event, last, (values) => (row = values));
  await insertAuditEvent(tx, row!);
  return stored;
}

type PreparedEvent = Omit<AuditEvent, "id" | "at" | "prevHash" | "hash"> & { at: number };

/** Validates and normalises the input once, before any lock is taken. */
function preparedEvent(e: AuditEventInput): PreparedEvent {
  const atDate = e.at ?? new Date();
  if (Number.isNaN(atDate.getTime())) throw new RangeError("appendAuditEvent: invalid date");
  const actorUserId = e.actorUserId ?? null;
  if (actorUserId !== null && !Number.isSafeInteger(actorUserId)) throw new RangeError("appendAuditEvent: actorUserId must be an integer");
  return {
    at: Math.floor(atDate.getTime() / 1000),
    type: text(e.type)!,
    actorUserId,
    sessionId: text(e.sessionId),
    subject: text(e.subject),
    data: canonicalJson(e.data ?? {}),
  };
}

/** Chains the event onto `last` (the id is `last id + 1`: the hash must cover it) and hands the row to `insert`. */
function storedEvent(ev: PreparedEvent, last: { id: number; hash: string } | undefined, insert: (row: AuditRowValues) => void): AuditEvent {
  const id = (last?.id ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Hash the data as the verifier will see it: parsed back from the stored text.
  const hash = auditEventHash(prevHash, { id, at: ev.at, type: ev.type, actorUserId: ev.actorUserId, sessionId: ev.sessionId, subject: ev.subject, data: JSON.parse(ev.data) as unknown });
  insert([id, ev.at, ev.type, ev.actorUserId, ev.sessionId, ev.subject, ev.data, prevHash, hash]);
  return { ...ev, id, at: new Date(ev.at * 1000), prevHash, hash };
}

export type AuditChainProblem = "hash-mismatch" | "broken-link" | "gap" | "truncated";

export type AuditChainResult =
  | { ok: true; count: number }
  | {
      ok: false;
      /**
       * The first event that is wrong or missing: the altered event (`hash-mismatch`), the
       * event whose `prev_hash` does not match its predecessor (`broken-link`), the first
       * missing id (`gap`), or the first id cut off the end (`truncated`).
       */
      firstBadId: number;
      reason: AuditChainProblem;
      /** Events verified before the problem. */
      count: number;
      /**
       * The stored row where the problem showed (for `gap` the row found after the missing
       * ids, for `truncated` the last remaining row), for messages; null when there is none.
       * `at` is null when the stored value is not a number.
       */
      row: { id: number; at: Date | null; type: string } | null;
    };


function rowInfo(r: StoredRow) {
  return { id: r.id, at: typeof r.at === "number" ? new Date(r.at * 1000) : null, type: String(r.type) };
}

function recomputedHash(prevHash: string, r: StoredRow): string | null {
  let data: unknown;
  try {
    data = JSON.parse(r.data);
  } catch {
    return null;
  }
  const fields: AuditHashFields = { id: r.id, at: r.at, type: r.type, actorUserId: r.actor_user_id, sessionId: r.session_id, subject: r.subject, data };
  return auditEventHash(prevHash, fields);
}

/**
 * Recomputes the whole chain in id order and reports the first problem, on either engine:
 * batches of `AUDIT_BATCH` rows read by id (constant memory) inside one read transaction, so
 * concurrent appends are not seen halfway.
 *
 * Checked per row, in this order: the id follows the previous one (`gap`), `prev_hash`
 * equals the previous row's hash, or the genesis hash for the first (`broken-link`), and the
 * stored hash equals the recomputed one (`hash-mismatch`). Finally the last id must equal the
 * highest id ever stored (`truncated`; SQLite's AUTOINCREMENT counter, PostgreSQL's
 * `audit_chain_head`). A reordering shows as `broken-link` or `hash-mismatch` at the first
 * moved row, since each hash covers the id and the previous hash.
 */
export async function verifyAuditChain(engine: Engine): Promise<AuditChainResult> {
  return engine.read(verifyAuditChainIn);
}

/**
 * The same inside a transaction the caller holds (one snapshot: a read transaction, or the
 * write transaction that just stored the rows, as db:migrate-to-postgres checks its copy).
 */
export async function verifyAuditChainIn(tx: Queryable): Promise<AuditChainResult> {
  const chain = new ChainCheck();
  for (let after = 0; ; ) {
    const batch = await auditRowsAfter(tx, after, AUDIT_BATCH);
    for (const r of batch) {
      const problem = chain.next(r);
      if (problem) return problem;
    }
    if (batch.length < AUDIT_BATCH) break;
    after = batch[batch.length - 1]!.id;
  }
  return chain.end(await auditHighWaterMark(tx));
}

const AUDIT_BATCH = 1000;

/** The verifier's state between rows: one place for the rules both verifiers apply. */
class ChainCheck {
  private expectedId = 1;
  private prevHash = GENESIS_HASH;
  private count = 0;
  private last: StoredRow | null = null;

  next(r: StoredRow): AuditChainResult | null {
    const { count } = this;
    if (r.id !== this.expectedId) return { ok: false, firstBadId: this.expectedId, reason: "gap", count, row: rowInfo(r) };
    if (r.prev_hash !== this.prevHash) return { ok: false, firstBadId: r.id, reason: "broken-link", count, row: rowInfo(r) };
    if (recomputedHash(this.prevHash, r) !== r.hash) return { ok: false, firstBadId: r.id, reason: "hash-mismatch", count, row: rowInfo(r) };
    this.prevHash = r.hash;
    this.expectedId++;
    this.count++;
    this.last = r;
    return null;
  }

  end(highWaterMark: number): AuditChainResult {
    const { count, last } = this;
    if (highWaterMark > count) return { ok: false, firstBadId: count + 1, reason: "truncated", count, row: last && rowInfo(last) };
    return { ok: true, count };
  }
}

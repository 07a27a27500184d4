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
import type Database from "better-sqlite3";
import type { AppDatabase } from "@/db/open";
import { readTransaction, writeTransaction } from "@/db/transaction";
import { preparedStatements } from "@/db/prepared";
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

type Statements = {
  last: Database.Statement<[], { id: number; hash: string }>;
  insert: Database.Statement<AuditRowValues>;
};

function prepared(d: AppDatabase): Statements {
  return preparedStatements(d, "audit", (sqlite) => ({
    last: sqlite.prepare("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1"),
    insert: sqlite.prepare(
      "INSERT INTO audit_events (id, at, type, actor_user_id, session_id, subject, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
  }));
}

/** Lone UTF-16 surrogates would be replaced when stored as UTF-8 and the hash would no longer match. */
function text(v: string | null | undefined): string | null {
  return v == null ? null : v.toWellFormed();
}

/**
 * Appends one event to the chain and returns the stored row.
 *
 * Runs in a transaction that takes the write lock before reading the last hash
 * (`BEGIN IMMEDIATE`), so two processes cannot both chain onto the same event. The id is
 * chosen here (`last id + 1`) because the hash must cover it.
 *
 * May be called inside a caller's transaction: it then becomes a savepoint of that
 * transaction and commits or rolls back with it. Start that outer transaction with
 * `writeTransaction` too (BEGIN IMMEDIATE); a deferred one that read before writing can fail with SQLITE_BUSY when
 * another connection appended in between (it fails safely: the chain never forks).
 *
 * @throws RangeError on an invalid `at` or a non-integer `actorUserId`; TypeError when
 *   `data` is not JSON-serialisable (BigInt, cycles)
 */
export function appendAuditEvent(d: AppDatabase, e: AuditEventInput): AuditEvent {
  const event = preparedEvent(e);
  const s = prepared(d);
  return writeTransaction(d, (): AuditEvent => storedEvent(event, s.last.get(), (row) => s.insert.run(...row)));
}

/**
 * The same on either engine (db/engine): joins the caller's transaction `on`, or opens its own
 * when given the engine. On PostgreSQL the chain's advisory lock, held to the end of the
 * transaction, keeps appends from several app processes in one order; on SQLite the write
 * lock already does.
 */
export async function recordAuditEvent(on: Engine | Transaction, e: AuditEventInput): Promise<AuditEvent> {
  const event = preparedEvent(e);
  if (!("lock" in on)) return on.write((tx) => recordAuditEvent(tx, e), { concurrent: true });
  await on.lock("auditChain");
  const last = await lastAuditLink(on);
  let row: AuditRowValues | undefined;
  const stored = storedEvent(event, last, (values) => (row = values));
  await insertAuditEvent(on, row!);
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
 * Recomputes the whole chain in id order and reports the first problem. Streams the rows
 * (constant memory) inside one read transaction, so concurrent appends are not seen halfway.
 *
 * Checked per row, in this order: the id follows the previous one (`gap`), `prev_hash`
 * equals the previous row's hash, or the genesis hash for the first (`broken-link`), and the
 * stored hash equals the recomputed one (`hash-mismatch`). Finally the last id must equal the
 * highest id ever stored (`truncated`; SQLite's AUTOINCREMENT counter, PostgreSQL's
 * `audit_chain_head`). A reordering shows as `broken-link` or `hash-mismatch` at the first
 * moved row, since each hash covers the id and the previous hash.
 */
export function verifyAuditChain(d: AppDatabase): AuditChainResult {
  const rows = d.sqlite.prepare<[], StoredRow>(
    "SELECT id, at, type, actor_user_id, session_id, subject, data, prev_hash, hash FROM audit_events ORDER BY id",
  );
  const sequence = d.sqlite.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'");

  return readTransaction(d, (): AuditChainResult => {
    const chain = new ChainCheck();
    for (const r of rows.iterate()) {
      const problem = chain.next(r);
      if (problem) return problem;
    }
    return chain.end(sequence.get()?.seq ?? 0);
  });
}

/** The same on either engine, in batches of `AUDIT_BATCH` rows read by id from one snapshot. */
export async function verifyAuditChainOn(engine: Engine): Promise<AuditChainResult> {
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

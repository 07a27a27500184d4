/**
 * The hash-chained audit trail (`audit_events`). Each event's hash covers its own fields,
 * its id and the previous event's hash, so editing, deleting or reordering any stored event
 * breaks the chain from that point; `verifyAuditChain` finds the first bad event.
 *
 * The chain alone cannot notice the newest events being cut off, so the verifier also
 * compares the last id with SQLite's AUTOINCREMENT counter (`sqlite_sequence`). Someone able
 * to rewrite the whole file can still forge a consistent chain: for the registers, print the
 * event count and the last hash in the signed reports (an external anchor).
 */
import "server-only";
import type Database from "better-sqlite3";
import type { AppDatabase } from "@/db/open";
import { readTransaction, writeTransaction } from "@/db/transaction";
import { preparedStatements } from "@/db/prepared";
import type { AuditEvent } from "@/db/schema";
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
  insert: Database.Statement<[number, number, string, number | null, string | null, string | null, string, string, string]>;
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
  const atDate = e.at ?? new Date();
  if (Number.isNaN(atDate.getTime())) throw new RangeError("appendAuditEvent: invalid date");
  const actorUserId = e.actorUserId ?? null;
  if (actorUserId !== null && !Number.isSafeInteger(actorUserId)) throw new RangeError("appendAuditEvent: actorUserId must be an integer");
  const at = Math.floor(atDate.getTime() / 1000);
  const type = text(e.type)!;
  const sessionId = text(e.sessionId);
  const subject = text(e.subject);
  const dataJson = canonicalJson(e.data ?? {});
  const s = prepared(d);

  return writeTransaction(d, (): AuditEvent => {
    const last = s.last.get();
    const id = (last?.id ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    // Hash the data as the verifier will see it: parsed back from the stored text.
    const hash = auditEventHash(prevHash, { id, at, type, actorUserId, sessionId, subject, data: JSON.parse(dataJson) as unknown });
    s.insert.run(id, at, type, actorUserId, sessionId, subject, dataJson, prevHash, hash);
    return { id, at: new Date(at * 1000), type, actorUserId, sessionId, subject, data: dataJson, prevHash, hash };
  });
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

type StoredRow = {
  id: number;
  at: number;
  type: string;
  actor_user_id: number | null;
  session_id: string | null;
  subject: string | null;
  data: string;
  prev_hash: string;
  hash: string;
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
 * stored hash equals the recomputed one (`hash-mismatch`). Finally the last id must equal
 * SQLite's AUTOINCREMENT counter (`truncated`). A reordering shows as `broken-link` or
 * `hash-mismatch` at the first moved row, since each hash covers the id and the previous hash.
 */
export function verifyAuditChain(d: AppDatabase): AuditChainResult {
  const rows = d.sqlite.prepare<[], StoredRow>(
    "SELECT id, at, type, actor_user_id, session_id, subject, data, prev_hash, hash FROM audit_events ORDER BY id",
  );
  const sequence = d.sqlite.prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'");

  return readTransaction(d, (): AuditChainResult => {
    let expectedId = 1;
    let prevHash = GENESIS_HASH;
    let count = 0;
    let last: StoredRow | null = null;
    for (const r of rows.iterate()) {
      if (r.id !== expectedId) return { ok: false, firstBadId: expectedId, reason: "gap", count, row: rowInfo(r) };
      if (r.prev_hash !== prevHash) return { ok: false, firstBadId: r.id, reason: "broken-link", count, row: rowInfo(r) };
      if (recomputedHash(prevHash, r) !== r.hash) return { ok: false, firstBadId: r.id, reason: "hash-mismatch", count, row: rowInfo(r) };
      prevHash = r.hash;
      expectedId++;
      count++;
      last = r;
    }
    const seq = sequence.get()?.seq ?? 0;
    if (seq > count) return { ok: false, firstBadId: count + 1, reason: "truncated", count, row: last && rowInfo(last) };
    return { ok: true, count };
  });
}

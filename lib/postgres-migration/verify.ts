import type { Queryable } from "@/db/engine/types";
import { cursorBatches } from "@/db/pg/copy-target";
import type { SqliteSnapshot } from "@/db/sqlite-snapshot";
import { verifyAuditChainIn, type AuditChainResult } from "@/lib/audit/trail";
import { canonicalRow, TableChecksum } from "./checksum";
import type { TablePlan } from "./plan";
import { selectInKeyOrder } from "./select";

export type TableVerification = {
  table: string;
  sourceRows: number;
  targetRows: number;
  sourceChecksum: string;
  targetChecksum: string;
  ok: boolean;
  /** The primary key of the first row that differs (or is missing on one side), when any does. */
  firstDifference: string | null;
};

export type AuditVerification = { source: AuditChainResult; target: AuditChainResult; ok: boolean };

export type Verification = { ok: boolean; tables: TableVerification[]; audit: AuditVerification; problems: string[] };

const BATCH = 1000;

/**
 * Compares the copy with its source, reading each side afresh: per table the row count and a
 * SHA-256 over its rows in primary-key order, each row normalised by the same function
 * (`canonicalRow`); then the audit chain verified on both sides (`verifyAuditChainIn`) must give
 * the same result (same count; a chain already broken in SQLite broken at the same event).
 *
 * `target` must be a PostgreSQL transaction (rows are read through cursors): the copy's own, or
 * a read transaction (`engine.read`) to check a copy afterwards.
 */
export async function verifyCopy(source: SqliteSnapshot, target: Queryable, plan: readonly TablePlan[]): Promise<Verification> {
  const tables: TableVerification[] = [];
  for (const table of plan) tables.push(await compareTable(source, target, table));
  const audit = await compareAuditChains(source, target);
  const problems = tables
    .filter((t) => !t.ok)
    .map((t) =>
      t.sourceRows !== t.targetRows
        ? `${t.table}: ${t.sourceRows} rows in SQLite, ${t.targetRows} in PostgreSQL`
        : `${t.table}: checksums differ${t.firstDifference ? ` (first different row: ${t.firstDifference})` : ""}`,
    );
  if (!audit.ok) problems.push(`audit_events: the audit chain verifies differently (SQLite: ${describeChain(audit.source)}; PostgreSQL: ${describeChain(audit.target)})`);
  return { ok: problems.length === 0, tables, audit, problems };
}

export function describeChain(r: AuditChainResult): string {
  return r.ok ? `OK, ${r.count} events` : `broken at event #${r.firstBadId} (${r.reason}) after ${r.count} events`;
}

async function compareTable(source: SqliteSnapshot, target: Queryable, table: TablePlan): Promise<TableVerification> {
  const mine = new TableChecksum();
  const theirs = new TableChecksum();
  const key = table.primaryKey.map((k) => table.columns.findIndex((c) => c.name === k));
  const keyText = (row: readonly unknown[]) => table.primaryKey.map((k, i) => `${k}=${String(row[key[i]!])}`).join(", ");
  let firstDifference: string | null = null;
  const left = rowsOf(source.batches(selectInKeyOrder(table, "sqlite"), BATCH));
  const right = rowsOf(cursorBatches(target, `binomio_verify_${table.name}`, selectInKeyOrder(table, "postgres"), BATCH));
  try {
    for (;;) {
      const [a, b] = await Promise.all([left.next(), right.next()]);
      if (a.done && b.done) break;
      const la = a.done ? null : canonicalRow(a.value);
      const lb = b.done ? null : canonicalRow(b.value);
      if (la !== null) mine.add(la);
      if (lb !== null) theirs.add(lb);
      if (firstDifference === null && la !== lb) firstDifference = keyText((a.done ? b.value : a.value) as unknown[]);
    }
  } finally {
    await left.return(undefined);
    await right.return(undefined);
  }
  const sourceChecksum = mine.digest();
  const targetChecksum = theirs.digest();
  const ok = mine.rows === theirs.rows && sourceChecksum === targetChecksum;
  return { table: table.name, sourceRows: mine.rows, targetRows: theirs.rows, sourceChecksum, targetChecksum, ok, firstDifference: ok ? null : firstDifference };
}

async function* rowsOf(batches: Iterable<unknown[][]> | AsyncIterable<unknown[][]>): AsyncGenerator<unknown[]> {
  for await (const batch of batches) yield* batch;
}

async function compareAuditChains(source: SqliteSnapshot, target: Queryable): Promise<AuditVerification> {
  const s = await verifyAuditChainIn(source);
  const t = await verifyAuditChainIn(target);
  const same = s.ok === t.ok && s.count === t.count && (s.ok || t.ok || (s.firstBadId === t.firstBadId && s.reason === t.reason));
  return { source: s, target: t, ok: same };
}

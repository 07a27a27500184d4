import type { SqlValue, Transaction } from "@/db/engine/types";
import { insertRows, resetIdentity, setAuditChainHead, updateBigintColumn } from "@/db/pg/copy-target";
import type { SqliteSnapshot } from "@/db/sqlite-snapshot";
import { toPgValue } from "./convert";
import type { TablePlan } from "./plan";
import { selectInKeyOrder } from "./select";

/** Rows per INSERT: ~1,000, fewer for wide tables (PostgreSQL takes at most 65,535 values a statement). */
export function rowsPerInsert(columns: number): number {
  return Math.max(1, Math.min(1000, Math.floor(60_000 / columns)));
}

/** A table's copy failed: the error names the table and the first row of the failing batch. */
export class CopyError extends Error {
  constructor(
    readonly table: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Copies one table from the snapshot into the transaction, converting each value to its
 * PostgreSQL column's type. Self-references go in NULL first and are set once all rows are in.
 * @returns the number of rows copied
 */
export async function copyTable(source: SqliteSnapshot, tx: Transaction, table: TablePlan): Promise<number> {
  const size = rowsPerInsert(table.columns.length);
  const keyIndex = table.columns.findIndex((c) => c.name === table.primaryKey[0]);
  const selfIndexes = table.selfReferences.map((name) => table.columns.findIndex((c) => c.name === name));
  const later: [number, number][][] = table.selfReferences.map(() => []);
  let copied = 0;
  for (const batch of source.batches(selectInKeyOrder(table, "sqlite"), size)) {
    const firstKey = table.primaryKey.map((k) => `${k}=${String(batch[0]![table.columns.findIndex((c) => c.name === k)])}`).join(", ");
    const rows: SqlValue[][] = batch.map((raw) => {
      const row = raw.map((v, i) => toPgValue(table.columns[i]!.kind, v, () => `${table.name}.${table.columns[i]!.name} (row ${table.primaryKey[0]}=${String(raw[keyIndex])})`));
      selfIndexes.forEach((at, n) => {
        if (row[at] === null) return;
        later[n]!.push([row[keyIndex] as number, row[at] as number]);
        row[at] = null;
      });
      return row;
    });
    try {
      await insertRows(tx, table.name, table.columns.map((c) => c.name), rows);
    } catch (e) {
      throw new CopyError(table.name, `copying ${table.name} (the batch from ${firstKey}): ${(e as Error).message}${detail(e)}`);
    }
    copied += rows.length;
  }
  for (const [n, column] of table.selfReferences.entries()) {
    const pairs = later[n]!;
    for (let i = 0; i < pairs.length; i += size) {
      try {
        await updateBigintColumn(tx, table.name, table.primaryKey[0]!, column, pairs.slice(i, i + size));
      } catch (e) {
        throw new CopyError(table.name, `copying ${table.name}.${column}: ${(e as Error).message}${detail(e)}`);
      }
    }
  }
  return copied;
}

function detail(e: unknown): string {
  const d = (e as { detail?: unknown }).detail;
  return typeof d === "string" && d ? ` (${d})` : "";
}

/**
 * What a fresh database would have generated next, carried over: each identity sequence moves
 * past the highest id the table ever handed out (SQLite's AUTOINCREMENT counter when higher than
 * the rows left, so an erased person's id is never given to someone else), and the audit chain's
 * high-water mark becomes exactly SQLite's counter for audit_events (higher than the last event
 * when the chain was cut short: the target must show that too).
 */
export async function carryCounters(tx: Transaction, plan: readonly TablePlan[], sequences: Map<string, number>): Promise<void> {
  for (const table of plan) {
    for (const column of table.columns.filter((c) => c.identity)) await resetIdentity(tx, table.name, column.name, sequences.get(table.name) ?? 0);
  }
}

export async function copyAuditChainHead(tx: Transaction, sequences: Map<string, number>): Promise<void> {
  const last = sequences.get("audit_events") ?? 0;
  try {
    await setAuditChainHead(tx, last);
  } catch (e) {
    throw new CopyError("audit_chain_head", `setting audit_chain_head to SQLite's counter for audit_events (${last}): ${(e as Error).message}`);
  }
}

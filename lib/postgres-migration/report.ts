import { describeChain, type Verification } from "./verify";

/**
 * The verification as a plain-text table, one line per table: rows on each side, the first 16
 * hex digits of each side's checksum (one column when they agree), and the verdict; then the
 * audit chain on both sides.
 */
export function verificationTable(v: Verification): string[] {
  const width = Math.max(5, ...v.tables.map((t) => t.table.length));
  const num = (n: number) => String(n).padStart(11);
  const lines = [`${"table".padEnd(width)}  ${"SQLite rows".padStart(11)}  ${"PG rows".padStart(11)}  ${"SHA-256 (first 16 hex)".padEnd(35)}  result`];
  for (const t of v.tables) {
    const sum = t.sourceChecksum === t.targetChecksum ? t.sourceChecksum.slice(0, 16) : `${t.sourceChecksum.slice(0, 16)} ≠ ${t.targetChecksum.slice(0, 16)}`;
    lines.push(`${t.table.padEnd(width)}  ${num(t.sourceRows)}  ${num(t.targetRows)}  ${sum.padEnd(35)}  ${t.ok ? "ok" : "MISMATCH"}`);
  }
  lines.push(`audit chain: SQLite ${describeChain(v.audit.source)}; PostgreSQL ${describeChain(v.audit.target)} — ${v.audit.ok ? "same" : "MISMATCH"}`);
  return lines;
}

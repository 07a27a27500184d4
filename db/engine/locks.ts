/**
 * Named locks that serialise some writers across every app process on PostgreSQL, as
 * transaction-scoped advisory locks (`pg_advisory_xact_lock(namespace, key)`): released at
 * COMMIT or ROLLBACK, never left behind by a crashed process. On SQLite the write lock every
 * write transaction takes first already serialises all writers, so these cost nothing there.
 *
 * The namespace keeps them apart from any other application sharing the database.
 */
export const LOCK_NAMESPACE = 0x42696e6f; // "Bino"

export const LOCKS = {
  /** Every write transaction that has not declared itself safe under concurrent writers (Engine.write). */
  writers: 1,
  /** The audit hash chain: one append at a time reads the last hash and adds the next event. */
  auditChain: 2,
} as const;

export type LockName = keyof typeof LOCKS;

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

/**
 * Locks on one thing among many, as `pg_advisory_xact_lock(kind, id)`: each kind its own
 * namespace, the thing's integer id the key. A write transaction that takes one instead of the
 * writers' lock (`WriteOptions.serialiseOn`) runs beside every writer of another key.
 */
export const KEYED_LOCKS = {
  /**
   * One learner's time: the clock their heartbeats are credited from, and their presence
   * questions. Their heartbeats, answers and lesson openings take it, so two processes never
   * credit the same interval twice; other learners' heartbeats do not wait.
   */
  learner: 0x42696e6c, // "Binl"
} as const;

export type KeyedLockName = keyof typeof KEYED_LOCKS;
export type KeyedLock = { name: KeyedLockName; key: number };

/** PostgreSQL's advisory lock keys are 32-bit integers. */
export function keyedLockArgs(lock: KeyedLock): [number, number] {
  if (!Number.isInteger(lock.key) || lock.key < -0x80000000 || lock.key > 0x7fffffff) throw new RangeError(`${lock.name} lock: ${lock.key} is not a 32-bit integer`);
  return [KEYED_LOCKS[lock.name], lock.key];
}

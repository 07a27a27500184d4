import type { AppDatabase } from "@/db/open";
import type { Engine } from "@/db/engine/types";

/**
 * TEMPORARY bridge for the tests of the streaming reads (exports, ZIPs: `openReadConnection`,
 * `iterateCertificates`, `streamRegister`, `streamSessions`, `readRegisterPage`, the read worker),
 * which still take the SQLite connection (`AppDatabase`) while they move to the engine. On SQLite
 * the test database is that connection; on PostgreSQL those reads fail until they take an
 * `Engine`. Remove this, and its calls, once they do.
 */
export function streamingDb(t: Engine): AppDatabase {
  return t as AppDatabase;
}

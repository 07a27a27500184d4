/**
 * The restore procedure on PostgreSQL, printed by `npm run db:restore` when DATABASE_URL is set:
 * a restore there is a database administrator's job with PostgreSQL's own tools (a new database,
 * then a switch of every app server), not a file swap this command could make safely.
 */
export function pgRestoreProcedure(url: string, backupFile?: string): string {
  const u = new URL(url);
  const host = u.hostname ? ` -h ${decodeURIComponent(u.hostname)}` : "";
  const port = u.port ? ` -p ${u.port}` : "";
  const user = u.username ? ` -U ${decodeURIComponent(u.username)}` : "";
  const conn = `${host}${port}${user}`;
  const target = "binomio_restored";
  const archive = backupFile ?? "binomio-YYYYMMDD-HHMMSS.dump";
  return [
    "db:restore refused: DATABASE_URL is set. On PostgreSQL, restore a db:backup archive with PostgreSQL's own tools:",
    "  1. stop every app server (SIGTERM) and anything else that writes to the database;",
    `  2. createdb${conn} -T template0 ${target}`,
    `  3. pg_restore${conn} --exit-on-error --no-owner -d ${target} ${archive}`,
    `  4. DATABASE_URL=postgres://…/${target} npm run audit:verify   (must print "audit chain OK")`,
    `  5. point every app server's DATABASE_URL at ${target} (keep the old database: it is evidence too), then start them.`,
    "Use the client tools of the server's major version (e.g. /usr/lib/postgresql/15/bin). A new database, not the old one",
    "overwritten: a failed restore changes nothing.",
  ].join("\n");
}

/**
 * `npm run db:migrate-to-postgres -- --from data/binomio.db --to postgres://user:pass@host:5432/binomio`:
 * copies a SQLite database into an empty PostgreSQL one and verifies the copy
 * (lib/postgres-migration/run.ts says how). Exit 0 copied and verified; 1 the copy did not
 * verify (rolled back: the target is left empty); 2 refused or could not copy (nothing kept).
 * The URL's password is never printed.
 */
import "server-only";
import { parseArgs } from "node:util";
import { z } from "zod";
import { describeLocation } from "@/db/engine/open";
import { migrateSqliteToPostgres } from "@/lib/postgres-migration/run";
import { verificationTable } from "@/lib/postgres-migration/report";

const USAGE = "Usage: npm run db:migrate-to-postgres -- --from <SQLite file, e.g. data/binomio.db> --to <postgres://user:password@host:5432/database>";

function isPostgresUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === "postgres:" || u.protocol === "postgresql:") && u.pathname.length > 1;
  } catch {
    return false;
  }
}

const Args = z.object({
  from: z.string({ error: "--from is required: the SQLite database file to copy" }).trim().min(1, "--from is required: the SQLite database file to copy"),
  to: z
    .string({ error: "--to is required: the PostgreSQL database to copy into" })
    .trim()
    .refine(isPostgresUrl, "--to must be a PostgreSQL URL naming a database: postgres://user:password@host:5432/database"),
  help: z.boolean().optional(),
});

/** Whatever a message says, the password in the URL is not in it. */
function withoutPassword(text: string, url: string | undefined): string {
  if (!url || !isPostgresUrl(url)) return text;
  const password = new URL(url).password;
  if (!password) return text;
  return text.split(password).join("***").split(decodeURIComponent(password)).join("***");
}

async function main(): Promise<number> {
  let raw: Record<string, unknown>;
  try {
    raw = parseArgs({ options: { from: { type: "string" }, to: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: false }).values;
  } catch (e) {
    console.error(`db:migrate-to-postgres: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (raw.help) {
    console.log(USAGE);
    return 0;
  }
  const parsed = Args.safeParse(raw);
  if (!parsed.success) {
    console.error(`db:migrate-to-postgres: ${parsed.error.issues.map((i) => i.message).join("; ")}\n${USAGE}`);
    return 2;
  }
  const { from, to } = parsed.data;
  const say = (line: string) => console.log(withoutPassword(line, to));
  say(`Copying ${describeLocation({ file: from })} into ${describeLocation({ url: to, file: from })}`);
  const r = await migrateSqliteToPostgres({ from, to, log: say });
  switch (r.status) {
    case "verified":
      for (const line of verificationTable(r.verification)) say(line);
      if (!r.verification.audit.source.ok) say("WARNING: the audit chain was already broken in SQLite; the copy carries the same break (run npm run audit:verify and investigate).");
      say(`Copied and verified ${r.rows} rows in ${r.seconds.toFixed(1)} s. ${describeLocation({ file: from })} is unchanged: keep it, with a backup, until the servers run on PostgreSQL (DATABASE_URL).`);
      return 0;
    case "verification-failed":
      for (const line of verificationTable(r.verification)) say(line);
      for (const p of r.verification.problems) console.error(withoutPassword(`MISMATCH ${p}`, to));
      console.error("db:migrate-to-postgres: the copy did not verify; it was rolled back (the target holds no Binomio rows). Do not switch to it.");
      return 1;
    case "refused":
      console.error(withoutPassword(`db:migrate-to-postgres refused: ${r.message}`, to));
      return 2;
    case "failed":
      console.error(withoutPassword(`db:migrate-to-postgres failed: ${r.message}`, to));
      console.error("Nothing was copied: the transaction was rolled back (the target holds no Binomio rows).");
      return 2;
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(`db:migrate-to-postgres failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  },
);

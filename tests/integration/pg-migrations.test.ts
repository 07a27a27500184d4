import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATION_LOCK, PG_MIGRATIONS_FOLDER } from "@/db/pg/migrate";
import { openPostgres, parseInt8 } from "@/db/pg/open";
import { sharedPgCluster } from "../support/pg-test-db";
import type { PgCluster } from "../support/pg-cluster";

const run = promisify(execFile);
const journal = JSON.parse(fs.readFileSync(path.join(PG_MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };

async function applied(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query("SELECT count(*) AS n FROM drizzle.__drizzle_migrations")).rows[0].n);
  } finally {
    await client.end();
  }
}

async function publicObjects(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ name: string }>(
      `SELECT c.relkind::text || ' ' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' UNION ALL SELECT 'trigger ' || tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1`,
    );
    return r.rows.map((x) => x.name);
  } finally {
    await client.end();
  }
}

describe("PostgreSQL migrations", () => {
  let cluster: PgCluster;
  beforeAll(async () => {
    cluster = await sharedPgCluster();
  }, 60_000);

  it("apply once: a second open is a no-op", async () => {
    const url = await cluster.createDatabase();
    await (await openPostgres(url)).close();
    const objects = await publicObjects(url);
    expect(await applied(url)).toBe(journal.entries.length);
    await (await openPostgres(url)).close();
    expect(await applied(url)).toBe(journal.entries.length);
    expect(await publicObjects(url)).toEqual(objects);
    expect(objects).toContain("v effective_enrolments");
    expect(objects).toContain("trigger audit_events_no_update");
  });

  it("wait for another process's migration lock, then find nothing left to do", async () => {
    const url = await cluster.createDatabase();
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock($1)", MIGRATION_LOCK);
    let opened = false;
    const opening = openPostgres(url).then((db) => {
      opened = true;
      return db;
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(opened).toBe(false);
    await holder.query("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK);
    await holder.end();
    await (await opening).close();
    expect(await applied(url)).toBe(journal.entries.length);
  });

  it("two processes migrating the same empty database at once both succeed and leave one schema", async () => {
    const url = await cluster.createDatabase();
    const child = path.join(__dirname, "support", "pg-migrate-child.ts");
    // Both wait for the same moment, after tsx has started in each.
    const startAt = String(Date.now() + 4_000);
    const results = await Promise.all([1, 2].map(() => run(process.execPath, ["--import", "tsx", child, url, startAt], { timeout: 30_000 })));
    expect(results.map((r) => r.stdout.trim())).toEqual(["migrated", "migrated"]);
    expect(await applied(url)).toBe(journal.entries.length);
    const reference = await cluster.createDatabase();
    await (await openPostgres(reference)).close();
    expect(await publicObjects(url)).toEqual(await publicObjects(reference));
  }, 40_000);
});

describe("int8 values", () => {
  let db: Awaited<ReturnType<typeof openPostgres>>;
  beforeAll(async () => {
    db = await openPostgres(await (await sharedPgCluster()).createDatabase());
  }, 60_000);
  afterAll(() => db?.close());

  it("read as numbers up to 2^53 - 1, and refuse anything larger rather than round it", async () => {
    expect(parseInt8("9007199254740991")).toBe(Number.MAX_SAFE_INTEGER);
    expect((await db.pool.query("SELECT 9007199254740991::bigint AS n, -42::bigint AS m")).rows[0]).toEqual({ n: 9007199254740991, m: -42 });
    await expect(db.pool.query("SELECT 9007199254740993::bigint AS n")).rejects.toThrow(/beyond Number.MAX_SAFE_INTEGER/);
    await db.pool.query("INSERT INTO companies (id, name) VALUES (9007199254740993, 'Too big')");
    // drizzle wraps the driver's error: the parser's is its cause.
    const failure = await db.orm.query.companies.findMany().catch((e: unknown) => e);
    expect((failure as Error).cause).toBeInstanceOf(RangeError);
    expect(((failure as Error).cause as Error).message).toMatch(/9007199254740993 is beyond/);
  });

  it("identities and Unix-second timestamps come back as numbers and Dates through drizzle", async () => {
    const { companies } = await import("@/db/pg/schema");
    const [row] = await db.orm.insert(companies).values({ name: "Acme", createdAt: new Date(1_800_000_000_000) }).returning();
    if (!row) throw new Error("no row returned");
    expect(row).toMatchObject({ name: "Acme", createdAt: new Date(1_800_000_000_000) });
    expect(typeof row.id).toBe("number");
    const raw = await db.pool.query("SELECT created_at FROM companies WHERE id = $1", [row.id]);
    expect(raw.rows[0].created_at).toBe(1_800_000_000);
  });
});

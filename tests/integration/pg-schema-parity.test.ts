import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, type PgDatabase } from "@/db/pg/open";
import { createTestPgDatabase } from "../support/pg-test-db";
import { diffShapes, pgShape, sqliteShape, type Shape } from "./support/schema-shape";
import { tempDb } from "./support/temp-db";

/**
 * The two schemas in step: SQLite as all of db/migrations leave it, PostgreSQL as all of
 * db/migrations-pg leave it. A failure lists each difference on its own line; fix db/pg/schema.ts
 * (then `npm run db:generate:postgres`) or the custom migration of db/migrations-pg.
 */
describe("PostgreSQL schema parity with SQLite", () => {
  let sqlite: ReturnType<typeof tempDb>;
  let pgdb: PgDatabase;
  let fromSqlite: Shape;

  beforeAll(async () => {
    sqlite = tempDb();
    fromSqlite = sqliteShape(sqlite.sqlite);
    pgdb = await openPostgres(await createTestPgDatabase());
  }, 60_000);

  afterAll(async () => {
    void sqlite?.close();
    await pgdb?.close();
  });

  it("has the same tables, columns, keys, indexes and views", async () => {
    const differences = diffShapes(fromSqlite, await pgShape(pgdb.pool));
    expect(differences, `\n${differences.join("\n")}\n`).toEqual([]);
    // The comparison saw the whole schema, not an empty one.
    expect(Object.keys(fromSqlite.tables).length).toBeGreaterThanOrEqual(30);
    expect(Object.keys(fromSqlite.views).sort()).toEqual(["department_ancestors", "effective_enrolments"]);
  });

  it("names each kind of difference, so a drift cannot pass unseen", async () => {
    const drift = await openPostgres(await createTestPgDatabase());
    try {
      await drift.pool.query(`
        ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
        ALTER TABLE users ALTER COLUMN test_time_extra_percent TYPE integer;
        ALTER TABLE users ADD COLUMN nickname text;
        ALTER TABLE heartbeat_daily DROP CONSTRAINT heartbeat_daily_user_id_course_slug_lesson_slug_day_pk;
        ALTER TABLE heartbeats DROP CONSTRAINT heartbeats_user_id_users_id_fk;
        DROP INDEX users_last_name_idx;
        DROP INDEX certificates_code_unique; CREATE INDEX certificates_code_unique ON certificates (code);
        CREATE INDEX outbox_unsent_idx ON outbox (created_at) WHERE sent_at IS NULL;
        DROP VIEW effective_enrolments;`);
      expect(diffShapes(fromSqlite, await pgShape(drift.pool)).sort()).toEqual(
        [
          "column users.email: SQLite text NOT NULL, PostgreSQL text NULL",
          "column users.test_time_extra_percent: SQLite integer NOT NULL DEFAULT 0, PostgreSQL postgres integer NOT NULL DEFAULT 0",
          "column users.nickname: only in PostgreSQL (text NULL)",
          "primary key of heartbeat_daily: SQLite (user_id, course_slug, lesson_slug, day), PostgreSQL ()",
          "foreign key heartbeats(user_id) -> users(id): only in SQLite",
          "index users_last_name_idx: only in SQLite (users(last_name, first_name))",
          "index certificates_code_unique: SQLite UNIQUE certificates(code), PostgreSQL certificates(code)",
          "index outbox_unsent_idx: only in PostgreSQL (outbox(created_at) partial)",
          "view effective_enrolments: only in SQLite (columns user_id, course_slug, due_date, source, plan_id, rule_id)",
        ].sort(),
      );
    } finally {
      await drift.close();
    }
  });
});

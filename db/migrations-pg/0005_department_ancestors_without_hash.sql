-- The same pairs as before, without the hash table a recursive UNION builds to drop duplicates:
-- PostgreSQL sizes it from its estimate of the recursion (65,350 rows for a never-analysed
-- departments table), and setting it up cost 40–80 ms on every read of effective_enrolments —
-- the heartbeat and the quiz submit read it. UNION ALL with a CYCLE clause follows each chain
-- once and still stops on a cycle (the row that would close it is marked and left out).
CREATE OR REPLACE VIEW "department_ancestors" AS
  WITH RECURSIVE a("department_id", "ancestor_id") AS (
    SELECT "id", "id" FROM "departments"
    UNION ALL
    SELECT a."department_id", d."parent_id" FROM a JOIN "departments" d ON d."id" = a."ancestor_id" WHERE d."parent_id" IS NOT NULL
  ) CYCLE "ancestor_id" SET "is_cycle" USING "path"
  SELECT a."department_id", a."ancestor_id", dd."company_id", dd."name" AS "department", da."name" AS "ancestor"
    FROM a JOIN "departments" dd ON dd."id" = a."department_id" JOIN "departments" da ON da."id" = a."ancestor_id"
   WHERE NOT a."is_cycle";

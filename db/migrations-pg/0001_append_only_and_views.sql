-- What drizzle-kit cannot express, as SQLite has it after all of db/migrations: the triggers that
-- keep evidence append-only (same names and messages as SQLite's RAISE(ABORT, …) in 0002, 0003,
-- 0004, 0005/0014 and 0016) and the two views (0014). SQLite's `IS NOT` is `IS DISTINCT FROM` here.
-- The error is SQLSTATE 23001 (restrict_violation), SQLite's SQLITE_CONSTRAINT_TRIGGER's class.
CREATE FUNCTION "refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING MESSAGE = TG_ARGV[0], ERRCODE = 'restrict_violation';
END
$$;--> statement-breakpoint
CREATE TRIGGER "audit_events_no_update" BEFORE UPDATE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('audit_events is append-only');--> statement-breakpoint
CREATE TRIGGER "audit_events_no_delete" BEFORE DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('audit_events is append-only');--> statement-breakpoint
CREATE TRIGGER "quiz_attempts_frozen_after_submit" BEFORE UPDATE ON "quiz_attempts" FOR EACH ROW WHEN (OLD."submitted_at" IS NOT NULL) EXECUTE FUNCTION "refuse_change"('a submitted quiz attempt cannot change');--> statement-breakpoint
CREATE TRIGGER "quiz_attempts_no_delete" BEFORE DELETE ON "quiz_attempts" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('quiz attempts are never deleted');--> statement-breakpoint
CREATE TRIGGER "course_completions_immutable" BEFORE UPDATE ON "course_completions" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('a completion record is never updated');--> statement-breakpoint
CREATE TRIGGER "course_completions_no_delete" BEFORE DELETE ON "course_completions" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('a completion record is never deleted');--> statement-breakpoint
-- The expiry is evidence too: only a revocation may change a certificate row, and not its expiry.
CREATE TRIGGER "certificates_only_revocation" BEFORE UPDATE ON "certificates" FOR EACH ROW
  WHEN (OLD."revoked_at" IS NOT NULL OR NEW."revoked_at" IS NULL OR NEW."code" IS DISTINCT FROM OLD."code"
    OR NEW."user_id" IS DISTINCT FROM OLD."user_id" OR NEW."course_slug" IS DISTINCT FROM OLD."course_slug"
    OR NEW."completion_id" IS DISTINCT FROM OLD."completion_id" OR NEW."issued_at" IS DISTINCT FROM OLD."issued_at"
    OR NEW."expires_at" IS DISTINCT FROM OLD."expires_at")
  EXECUTE FUNCTION "refuse_change"('a certificate can only be revoked, once');--> statement-breakpoint
CREATE TRIGGER "certificates_no_delete" BEFORE DELETE ON "certificates" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('certificates are never deleted');--> statement-breakpoint
-- Evidence: a check is answered once (only the answer, its time and correctness may be filled in, from nothing), then never changed, and never deleted.
CREATE TRIGGER "presence_checks_answered_once" BEFORE UPDATE ON "presence_checks" FOR EACH ROW
  WHEN (OLD."answered_at_ms" IS NOT NULL OR NEW."answered_at_ms" IS NULL OR NEW."answer" IS NULL OR NEW."correct" IS NULL
    OR NEW."id" IS DISTINCT FROM OLD."id" OR NEW."user_id" IS DISTINCT FROM OLD."user_id"
    OR NEW."auth_session_id" IS DISTINCT FROM OLD."auth_session_id" OR NEW."plan_id" IS DISTINCT FROM OLD."plan_id"
    OR NEW."course_slug" IS DISTINCT FROM OLD."course_slug" OR NEW."lesson_slug" IS DISTINCT FROM OLD."lesson_slug"
    OR NEW."cycle" IS DISTINCT FROM OLD."cycle" OR NEW."question" IS DISTINCT FROM OLD."question"
    OR NEW."asked_at_ms" IS DISTINCT FROM OLD."asked_at_ms" OR NEW."answered_at_ms" < OLD."asked_at_ms")
  EXECUTE FUNCTION "refuse_change"('a presence check is answered once and never changed');--> statement-breakpoint
CREATE TRIGGER "presence_checks_no_delete" BEFORE DELETE ON "presence_checks" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('presence checks are never deleted');--> statement-breakpoint
-- SQLite has no TRUNCATE; PostgreSQL's skips row triggers, so the same tables refuse it too.
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('audit_events is append-only');--> statement-breakpoint
CREATE TRIGGER "quiz_attempts_no_truncate" BEFORE TRUNCATE ON "quiz_attempts" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('quiz attempts are never deleted');--> statement-breakpoint
CREATE TRIGGER "course_completions_no_truncate" BEFORE TRUNCATE ON "course_completions" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('a completion record is never deleted');--> statement-breakpoint
CREATE TRIGGER "certificates_no_truncate" BEFORE TRUNCATE ON "certificates" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('certificates are never deleted');--> statement-breakpoint
CREATE TRIGGER "presence_checks_no_truncate" BEFORE TRUNCATE ON "presence_checks" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('presence checks are never deleted');--> statement-breakpoint
-- Every department with each of its ancestors, itself included (UNION also stops a cycle).
CREATE VIEW "department_ancestors" AS
  WITH RECURSIVE a("department_id", "ancestor_id") AS (
    SELECT "id", "id" FROM "departments"
    UNION
    SELECT a."department_id", d."parent_id" FROM a JOIN "departments" d ON d."id" = a."ancestor_id" WHERE d."parent_id" IS NOT NULL
  )
  SELECT a."department_id", a."ancestor_id", dd."company_id", dd."name" AS "department", da."name" AS "ancestor"
    FROM a JOIN "departments" dd ON dd."id" = a."department_id" JOIN "departments" da ON da."id" = a."ancestor_id";--> statement-breakpoint
-- Learners only; a rule covers its own company's people (a department rule: that department and
-- the ones under it); each row says which plan it enrols into and which rule (null: by name).
CREATE VIEW "effective_enrolments" AS
  SELECT e."user_id" AS "user_id", e."course_slug" AS "course_slug", e."due_date" AS "due_date", 'person'::text AS "source", e."plan_id" AS "plan_id", NULL::bigint AS "rule_id"
    FROM "enrolments" e
   WHERE EXISTS (SELECT 1 FROM "user_roles" lr WHERE lr."user_id" = e."user_id" AND lr."role" = 'learner')
  UNION ALL
  SELECT u."id", r."course_slug", r."due_date", r."scope", r."plan_id", r."id"
    FROM "enrolment_rules" r JOIN "users" u ON u."company_id" = r."company_id"
     AND (r."scope" = 'everyone' OR (r."scope" = 'department' AND (u."department" = r."department"
          OR EXISTS (SELECT 1 FROM "department_ancestors" da WHERE da."company_id" = u."company_id" AND da."department" = u."department" AND da."ancestor" = r."department"))))
   WHERE EXISTS (SELECT 1 FROM "user_roles" lr WHERE lr."user_id" = u."id" AND lr."role" = 'learner');

-- The highest audit event id ever stored: PostgreSQL's counterpart of the AUTOINCREMENT counter
-- SQLite keeps in sqlite_sequence. The chain alone cannot show its newest events cut off the end;
-- the verifier compares its last id with this (lib/audit/trail.ts). Raised in the same transaction
-- as each insert, so a rolled-back append leaves it unchanged; never lowered, never deleted.
CREATE TABLE "audit_chain_head" (
  "one" boolean PRIMARY KEY DEFAULT true CHECK ("one"),
  "last_id" bigint NOT NULL DEFAULT 0
);--> statement-breakpoint
INSERT INTO "audit_chain_head" ("one", "last_id") SELECT true, coalesce(max("id"), 0) FROM "audit_events";--> statement-breakpoint
CREATE FUNCTION "audit_chain_head_raise"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "audit_chain_head" SET "last_id" = NEW."id" WHERE "last_id" < NEW."id";
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "audit_events_raise_head" AFTER INSERT ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "audit_chain_head_raise"();--> statement-breakpoint
CREATE TRIGGER "audit_chain_head_never_lowered" BEFORE UPDATE ON "audit_chain_head" FOR EACH ROW WHEN (NEW."last_id" < OLD."last_id" OR NEW."one" IS DISTINCT FROM OLD."one") EXECUTE FUNCTION "refuse_change"('audit_chain_head is never lowered');--> statement-breakpoint
CREATE TRIGGER "audit_chain_head_no_delete" BEFORE DELETE ON "audit_chain_head" FOR EACH ROW EXECUTE FUNCTION "refuse_change"('audit_chain_head is never deleted');--> statement-breakpoint
CREATE TRIGGER "audit_chain_head_no_truncate" BEFORE TRUNCATE ON "audit_chain_head" FOR EACH STATEMENT EXECUTE FUNCTION "refuse_change"('audit_chain_head is never deleted');

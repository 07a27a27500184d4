-- The SQL the app writes is SQLite's (db/engine/orm.ts): drizzle's SQLite builder and the raw
-- statements in db/queries. PostgreSQL is taught the few SQLite idioms that SQL relies on, here,
-- in one place, so the same text runs on both databases.

-- SQLite's unixepoch(): the current time in whole Unix seconds (the schema's column defaults,
-- and statements that stamp "now"). The statement's time, as SQLite's 'now' is per statement.
CREATE FUNCTION unixepoch() RETURNS bigint
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT floor(extract(epoch FROM statement_timestamp()))::bigint $$;
--> statement-breakpoint

-- SQLite hands out a new rowid when an INSERT gives an INTEGER PRIMARY KEY the value NULL, and
-- drizzle's SQLite builder writes NULL for every column left out. PostgreSQL's identity columns
-- take NULL as a value and refuse it; this trigger gives them the sequence's next value instead.
CREATE FUNCTION binomio_null_id_is_next() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF NEW.id IS NULL THEN
    NEW.id := nextval(TG_ARGV[0]::regclass);
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint

-- Every table with an identity "id" (a table added later needs its own: tests/integration
-- pg-sqlite-idioms checks that none lacks it).
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT c.table_name, pg_get_serial_sequence(format('%I', c.table_name), 'id') AS seq
    FROM information_schema.columns c
    WHERE c.table_schema = current_schema() AND c.column_name = 'id' AND c.is_identity = 'YES'
  LOOP
    EXECUTE format(
      'CREATE TRIGGER %I BEFORE INSERT ON %I FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION binomio_null_id_is_next(%L)',
      t.table_name || '_null_id', t.table_name, t.seq);
  END LOOP;
END
$$;

/** `npm run db:migrate`: applies pending migrations to DATABASE_PATH (idempotent). */
import { openDatabase } from "@/db/open";
import { applyMigrations } from "@/db/migrate";

const d = openDatabase(undefined, { migrate: false });
const applied = applyMigrations(d.sqlite);
console.log(applied ? `Applied ${applied} migration(s).` : "Database already up to date.");
d.sqlite.close();

import { defineConfig } from "drizzle-kit";

/** The PostgreSQL migrations (`npm run db:generate:postgres`); drizzle.config.ts keeps SQLite's. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/pg/schema.ts",
  out: "./db/migrations-pg",
  dbCredentials: { url: process.env.DATABASE_URL ?? "postgres://localhost/binomio" },
  strict: true,
});

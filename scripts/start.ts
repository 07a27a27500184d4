/**
 * `npm start`: production server without demo data. Migrates, creates the first admin on
 * an empty database (or refuses to start, saying what to set), builds if needed, serves.
 */
import { openEngine } from "@/db/engine/open";
import { env } from "@/lib/env";
import { bootstrapAdmin } from "@/lib/bootstrap-admin";
import { ensureAuthSecret, ensureBuild, startServer, validateEnv } from "./runtime";

async function main() {
  ensureAuthSecret();
  validateEnv();
  const d = await openEngine({ url: env().DATABASE_URL, file: env().DATABASE_PATH });
  const result = await bootstrapAdmin(d, process.env);
  await d.close();
  if (result.status === "missing") {
    console.error(result.message);
    process.exit(1);
  }
  if (result.status === "created") console.log(`Created the first administrator: ${result.email}`);
  if (!process.argv.includes("--no-build")) ensureBuild();
  startServer();
}

void main();

/** `npm run demo`: migrate, seed the demo company (idempotent), build if needed, serve. */
import { openDatabase } from "@/db/open";
import { seedDemo, DEMO_PASSWORD } from "@/lib/demo/seed";
import { ensureAuthSecret, ensureBuild, startServer, validateEnv } from "./runtime";

async function main() {
  ensureAuthSecret();
  validateEnv();
  const d = openDatabase();
  const { created } = await seedDemo(d);
  d.sqlite.close();
  console.log(
    created
      ? `Demo data ready: admin@example.com, trainer@example.com, learner@example.com, ispettore@example.com (password: ${DEMO_PASSWORD}).`
      : "Demo data already present: nothing changed.",
  );
  if (!process.argv.includes("--no-build")) ensureBuild();
  startServer();
}

void main();

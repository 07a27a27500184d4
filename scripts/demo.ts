/** `npm run demo`: migrate, seed the demo company (idempotent), build if needed, serve — on DATABASE_URL or DATABASE_PATH. */
import { openEngine } from "@/db/engine/open";
import { env } from "@/lib/env";
import { seedDemo, DEMO_PASSWORD } from "@/lib/demo/seed";
import { ensureAuthSecret, ensureBuild, startServer, validateEnv } from "./runtime";

async function main() {
  ensureAuthSecret();
  validateEnv();
  const d = await openEngine({ url: env().DATABASE_URL, file: env().DATABASE_PATH });
  const { created } = await seedDemo(d);
  await d.close();
  console.log(
    created
      ? `Demo data ready: admin@example.com, trainer@example.com, learner@example.com, ispettore@example.com (password: ${DEMO_PASSWORD}).`
      : "Demo data already present: nothing changed.",
  );
  if (!process.argv.includes("--no-build")) ensureBuild();
  startServer();
}

void main();

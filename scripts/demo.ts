/** `npm run demo`: migrate, seed the demo company (idempotent), build if needed, serve. */
import { openDatabase } from "@/db/open";
import { seedCompletedLearner, seedDemo, DEMO_COURSE, DEMO_COMPLETED_LEARNER, DEMO_PASSWORD } from "@/lib/demo/seed";
import { ensureAuthSecret, ensureBuild, startServer, validateEnv } from "./runtime";

async function main() {
  ensureAuthSecret();
  validateEnv();
  const d = openDatabase();
  const { created } = await seedDemo(d);
  // Three days ago, so the certificate and the registers have a completed learner to show.
  if (seedCompletedLearner(d, DEMO_COMPLETED_LEARNER, DEMO_COURSE, new Date(Date.now() - 3 * 86_400_000))) {
    console.log(`Demo: ${DEMO_COMPLETED_LEARNER} has completed "${DEMO_COURSE}" and has a certificate.`);
  }
  d.sqlite.close();
  console.log(
    created
      ? `Demo data ready: admin@example.com, trainer@example.com, learner@example.com (password: ${DEMO_PASSWORD}).`
      : "Demo data already present: nothing changed.",
  );
  if (!process.argv.includes("--no-build")) ensureBuild();
  startServer();
}

void main();

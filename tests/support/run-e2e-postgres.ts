/**
 * `tsx --conditions=react-server tests/support/run-e2e-postgres.ts`: the e2e suite's PostgreSQL
 * (E2E_DATABASE=postgres in playwright.config.ts), as the first process of Playwright's webServer
 * list. It starts a throwaway PostgreSQL 15 cluster on 127.0.0.1:E2E_PG_PORT, seeds the demo into
 * the first database named in E2E_PG_DATABASES (comma-separated) as `npm run demo` does, copies it
 * to the others (a template copy takes a second; seeding again would take a minute), then answers
 * 200 on 127.0.0.1:E2E_PG_READY_PORT: Playwright starts the app servers only then, and their
 * `npm run demo` finds the demo present. The cluster stops with this process, however it ends
 * (tests/support/pg-cluster.ts).
 */
import http from "node:http";
import { openEngine } from "@/db/engine/open";
import { seedDemo } from "@/lib/demo/seed";
import { startPgCluster } from "./pg-cluster";

const port = Number(process.env.E2E_PG_PORT);
const readyPort = Number(process.env.E2E_PG_READY_PORT);
const databases = (process.env.E2E_PG_DATABASES ?? "").split(",").filter(Boolean);
if (!Number.isInteger(port) || !Number.isInteger(readyPort) || databases.length === 0) {
  console.error("run-e2e-postgres: set E2E_PG_PORT, E2E_PG_READY_PORT and E2E_PG_DATABASES");
  process.exit(2);
}

async function main(): Promise<void> {
  const cluster = await startPgCluster({ port });
  const [first, ...copies] = databases as [string, ...string[]];
  const seeded = await openEngine({ url: await cluster.createDatabase(first), file: "" });
  try {
    await seedDemo(seeded);
  } finally {
    // A template database must have no other session.
    await seeded.close();
  }
  for (const name of copies) await cluster.createDatabase(name, first);
  console.log(`e2e PostgreSQL on 127.0.0.1:${port}: ${databases.join(", ")}, the demo seeded`);
  const ready = http.createServer((_req, res) => res.writeHead(200).end("ready"));
  ready.listen(readyPort, "127.0.0.1");
  const stop = () => {
    ready.close();
    void cluster.stop().then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

/**
 * `tsx tests/support/run-e2e-postgres.ts`: the e2e suite's PostgreSQL (E2E_DATABASE=postgres in
 * playwright.config.ts), as the first process of Playwright's webServer list. It starts a throwaway
 * PostgreSQL 15 cluster on 127.0.0.1:E2E_PG_PORT, creates the databases named in E2E_PG_DATABASES
 * (comma-separated), then answers 200 on 127.0.0.1:E2E_PG_READY_PORT: Playwright starts the app
 * servers only then. The cluster stops with this process, however it ends (tests/support/pg-cluster.ts).
 */
import http from "node:http";
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
  for (const name of databases) await cluster.createDatabase(name);
  console.log(`e2e PostgreSQL on 127.0.0.1:${port}: ${databases.join(", ")}`);
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

/**
 * `tsx tests/support/run-round-robin-proxy.ts`: the round-robin proxy as a process of its own,
 * for Playwright's webServer list (playwright.config.ts, E2E_PROCESSES). PROXY_PORT is where it
 * listens on 127.0.0.1; PROXY_UPSTREAMS the app origins, comma-separated.
 */
import { startRoundRobinProxy } from "./round-robin-proxy";

const port = Number(process.env.PROXY_PORT);
const upstreams = (process.env.PROXY_UPSTREAMS ?? "").split(",").filter(Boolean);
if (!Number.isInteger(port) || port <= 0 || upstreams.length === 0) {
  console.error("run-round-robin-proxy: set PROXY_PORT and PROXY_UPSTREAMS (origins, comma-separated)");
  process.exit(2);
}

void startRoundRobinProxy({ port, upstreams }).then((proxy) => {
  console.log(`round-robin proxy on ${proxy.origin} -> ${upstreams.join(", ")}`);
  const stop = () => {
    console.log(`round-robin proxy: requests per upstream ${proxy.served().join(", ")}`);
    void proxy.close().then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
});

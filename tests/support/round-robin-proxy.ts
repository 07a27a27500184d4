import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small reverse proxy for the multi-process tests: each request goes to the next upstream in
 * turn, so a learner's consecutive requests land on different app processes (issue #24). The
 * turn is kept per session cookie (one shared turn for requests without one), so a learner's
 * requests alternate whatever other tests send meanwhile. Bodies stream both ways; the request
 * keeps its Host, its headers and its path, like a proxy that serves one public origin. The
 * answer says which upstream served it (`X-Served-By`: its index), for the tests to check.
 *
 * It is an edge proxy: the client's own forwarding headers are dropped and `X-Forwarded-For`
 * becomes the address of the socket it accepted (nginx's `proxy_set_header X-Forwarded-For
 * $remote_addr`). The app believes that header only when the proxy is in its TRUSTED_PROXIES
 * (lib/runtime/front-door.mjs); appending the client's header instead would let a client choose
 * its own address in the access log.
 */
export type RoundRobinProxy = { origin: string; served: () => number[]; close: () => Promise<void> };

const CLIENT_FORWARDING = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];
/** Per-connection headers (RFC 9110 §7.6.1) are the proxy's own on each side. */
const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"];

export async function startRoundRobinProxy(opts: { upstreams: readonly string[]; port: number; host?: string }): Promise<RoundRobinProxy> {
  if (opts.upstreams.length === 0) throw new Error("round-robin proxy: no upstream");
  const upstreams = opts.upstreams.map((u) => new URL(u));
  const served = upstreams.map(() => 0);
  const agent = new http.Agent({ keepAlive: true });
  const turns = new Map<string, number>();

  const server = http.createServer((req, res) => {
    const key = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token=([^;]*)/.exec(req.headers.cookie ?? "")?.[1] ?? "";
    const i = turns.get(key) ?? 0;
    turns.delete(key); // re-inserted last: the oldest keys go first past the bound
    turns.set(key, (i + 1) % upstreams.length);
    if (turns.size > 10_000) turns.delete(turns.keys().next().value!);
    served[i]!++;
    const target = upstreams[i]!;
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || CLIENT_FORWARDING.includes(name) || HOP_BY_HOP.includes(name)) continue;
      headers[name] = value;
    }
    headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
    const upstream = http.request(
      { agent, host: target.hostname, port: target.port, method: req.method, path: req.url, headers, setHost: false },
      (answer) => {
        const out: http.OutgoingHttpHeaders = {};
        for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_BY_HOP.includes(name)) out[name] = value;
        out["x-served-by"] = String(i);
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, out);
        answer.pipe(res);
        answer.on("error", () => res.destroy());
      },
    );
    upstream.on("error", (e) => {
      if (res.headersSent) res.destroy();
      else res.writeHead(502, { "content-type": "text/plain" }).end(`round-robin proxy: ${target.origin} ${e.message}`);
    });
    // A client that goes away mid-answer ends the upstream request too (a cancelled download stops the work).
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host ?? "127.0.0.1", resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    origin: `http://${address}:${port}`,
    served: () => [...served],
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

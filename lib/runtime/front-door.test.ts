import http from "node:http";
import { describe, expect, it } from "vitest";
import { bodyLimitFor, clientAddress, DEFAULT_BODY_LIMIT, frontDoor, IMPORT_FILE_LIMIT, LimitedRequest, parseTrustedProxies } from "./front-door.mjs";

describe("bodyLimitFor", () => {
  it("gives every route the default, and the employee import room for its file", () => {
    for (const p of ["/", "/api/auth/callback/credentials", "/api/auth/signout", "/sign-in", "/api/heartbeat", "/api/admin/people/import/x"]) {
      expect(bodyLimitFor(p), p).toBe(DEFAULT_BODY_LIMIT);
    }
    expect(bodyLimitFor("/api/admin/people/import")).toBeGreaterThan(IMPORT_FILE_LIMIT);
    expect(bodyLimitFor("/api/admin/people/import")).toBeLessThan(IMPORT_FILE_LIMIT + 128 * 1024);
  });
});

describe("clientAddress", () => {
  const none = parseTrustedProxies(undefined);
  const proxies = parseTrustedProxies("127.0.0.1, 10.0.0.0/8, ::1");

  it("is the socket's address when nothing is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("127.0.0.1", "203.0.113.66", none)).toBe("127.0.0.1");
    expect(clientAddress("::ffff:192.0.2.4", "203.0.113.66, 10.0.0.1", none)).toBe("192.0.2.4");
    expect(clientAddress(undefined, "203.0.113.66", none)).toBe("unknown");
  });

  it("walks X-Forwarded-For from the right through trusted proxies only", () => {
    expect(clientAddress("127.0.0.1", "203.0.113.66", proxies)).toBe("203.0.113.66");
    // The client forged the first hop; the proxy chain appended the real address it saw.
    expect(clientAddress("127.0.0.1", "198.51.100.1, 203.0.113.66, 10.1.2.3", proxies)).toBe("203.0.113.66");
    expect(clientAddress("::1", "2001:db8::7", proxies)).toBe("2001:db8::7");
    // An untrusted peer's header is ignored.
    expect(clientAddress("192.0.2.9", "203.0.113.66", proxies)).toBe("192.0.2.9");
    // A hop that is not an address stops at the last trusted one; no header leaves the proxy.
    expect(clientAddress("127.0.0.1", "not-an-ip", proxies)).toBe("127.0.0.1");
    expect(clientAddress("127.0.0.1", undefined, proxies)).toBe("127.0.0.1");
  });
});

describe("parseTrustedProxies", () => {
  it("takes addresses and ranges, and names the entry it cannot read", () => {
    expect(parseTrustedProxies("").check("127.0.0.1")).toBe(false);
    expect(parseTrustedProxies("10.0.0.0/8").check("10.200.0.1")).toBe(true);
    expect(() => parseTrustedProxies("10.0.0.0/8, proxy.local")).toThrow(/"proxy.local" is not an IP address/);
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/invalid prefix length/);
    expect(() => parseTrustedProxies("10.0.0.0/8/1")).toThrow(/not an IP address/);
  });
});

describe("frontDoor", () => {
  /** A real HTTP server with the front door in front of a handler that echoes what it got. */
  async function serve(trustedProxies: string | undefined, run: (origin: string) => Promise<void>) {
    const seen = frontDoor(
      async (req, res) => {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ headers: req.headers }));
      },
      { trustedProxies: parseTrustedProxies(trustedProxies) },
    );
    const server = http.createServer({ IncomingMessage: LimitedRequest }, (req, res) => void seen(req, res));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      await run(`http://127.0.0.1:${(server.address() as { port: number }).port}`);
    } finally {
      await new Promise((r) => server.close(r));
    }
  }
  const forged = { "x-forwarded-for": "203.0.113.66", "x-real-ip": "203.0.113.67", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };

  it("hands Next the socket's address and no forwarded headers from a client that is not a trusted proxy", async () => {
    await serve(undefined, async (origin) => {
      const { headers } = (await (await fetch(origin, { headers: forged })).json()) as { headers: Record<string, string> };
      expect(headers["x-forwarded-for"]).toBe("127.0.0.1");
      for (const h of ["x-real-ip", "x-forwarded-host", "x-forwarded-proto"]) expect(headers[h]).toBeUndefined();
    });
  });

  it("believes a trusted proxy", async () => {
    await serve("127.0.0.1", async (origin) => {
      const { headers } = (await (await fetch(origin, { headers: forged })).json()) as { headers: Record<string, string> };
      expect(headers["x-forwarded-for"]).toBe("203.0.113.66");
      expect(headers["x-forwarded-host"]).toBe("evil.example");
    });
  });

  it("answers 400 to a malformed path and 413 to a declared body over the limit, without calling the handler", async () => {
    await serve(undefined, async (origin) => {
      expect((await fetch(`${origin}/%c0`)).status).toBe(400);
      const big = await fetch(`${origin}/api/auth/signout`, { method: "POST", body: "a".repeat(DEFAULT_BODY_LIMIT + 1) });
      expect(big.status).toBe(413);
      expect(await big.json()).toMatchObject({ error: "payload_too_large" });
    });
  });
});

import http from "node:http";
import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";

/**
 * Identity providers for the single sign-on tests, on 127.0.0.1.
 *
 * `startOidcProvider` runs `oidc-provider` — a certified OpenID Connect authorization server,
 * not a stand-in for Auth.js — with one client and a few accounts, and its development login and
 * consent pages (fine for tests on loopback): the browser goes through them like through Entra's.
 * Its accounts can be changed while it runs (an e-mail changed at the provider).
 *
 * `startTamperingProvider` is a deliberately broken provider for the refusal tests: it answers
 * the authorization request at once and then issues an id_token with one defect chosen by the
 * login hint's local part (`audience@…`, `expired@…`, `nonce@…`, `signature@…`, `issuer@…`;
 * `valid@…` for the control). Its discovery and keys are well formed.
 */

export type Account = { email: string; email_verified?: boolean; given_name: string; family_name: string };

export type RunningProvider = { issuer: string; accounts: Map<string, Account>; close: () => Promise<void> };

export async function startOidcProvider(opts: {
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  accounts: Record<string, Account>;
}): Promise<RunningProvider> {
  const { default: Provider } = await import("oidc-provider");
  const issuer = `http://127.0.0.1:${opts.port}`;
  const accounts = new Map(Object.entries(opts.accounts));
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const key = { ...(await exportJWK(privateKey)), kid: `k-${opts.port}`, use: "sig", alg: "RS256" };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: opts.clientId,
        client_secret: opts.clientSecret,
        redirect_uris: [opts.redirectUri],
        post_logout_redirect_uris: [opts.postLogoutRedirectUri],
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [key as JWK & { kid: string }] },
    cookies: { keys: [randomUUID()] },
    // The claims go into the id_token itself (Auth.js reads the profile from it).
    conformIdTokenClaims: false,
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "given_name", "family_name"] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx: unknown, id: string) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        // Read at issue time, so a change made while the provider runs shows in the next token.
        claims: async () => {
          const a = accounts.get(id)!;
          return { sub: id, email: a.email, email_verified: a.email_verified ?? true, given_name: a.given_name, family_name: a.family_name, name: `${a.given_name} ${a.family_name}` };
        },
      };
    },
  } as ConstructorParameters<typeof Provider>[1]);
  const server = http.createServer(provider.callback());
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(opts.port, "127.0.0.1", () => resolve()));
  return { issuer, accounts, close: () => closeServer(server) };
}

export const TAMPERINGS = ["valid", "audience", "expired", "nonce", "signature", "issuer"] as const;
export type Tampering = (typeof TAMPERINGS)[number];

export async function startTamperingProvider(opts: { port: number; clientId: string; clientSecret: string }): Promise<{ issuer: string; close: () => Promise<void> }> {
  const issuer = `http://127.0.0.1:${opts.port}`;
  const kid = `t-${opts.port}`;
  const own = await generateKeyPair("RS256", { extractable: true });
  const foreign = await generateKeyPair("RS256");
  const publicJwk = { ...(await exportJWK(own.publicKey)), kid, use: "sig", alg: "RS256" };
  const codes = new Map<string, { tampering: Tampering; nonce: string; email: string }>();

  async function idToken(grant: { tampering: Tampering; nonce: string; email: string }): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const t = grant.tampering;
    const sub = `tamper-${grant.email.split("@")[0]}`;
    return new SignJWT({ email: grant.email, email_verified: true, given_name: "Tina", family_name: "Test", nonce: t === "nonce" ? "not-the-nonce" : grant.nonce })
      .setProtectedHeader({ alg: "RS256", kid })
      .setIssuer(t === "issuer" ? "http://127.0.0.1:9/other-issuer" : issuer)
      .setAudience(t === "audience" ? "somebody-else" : opts.clientId)
      .setSubject(sub)
      .setIssuedAt(t === "expired" ? now - 7200 : now)
      .setExpirationTime(t === "expired" ? now - 3600 : now + 300)
      .sign(t === "signature" ? foreign.privateKey : own.privateKey);
  }

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/.well-known/openid-configuration") {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        userinfo_endpoint: `${issuer}/userinfo`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
      });
    }
    if (url.pathname === "/jwks") return json(200, { keys: [publicJwk] });
    if (url.pathname === "/authorize") {
      const email = url.searchParams.get("login_hint") ?? "";
      const local = email.split("@")[0] as Tampering;
      const code = randomUUID();
      codes.set(code, { tampering: (TAMPERINGS as readonly string[]).includes(local) ? local : "valid", nonce: url.searchParams.get("nonce") ?? "", email });
      const back = new URL(url.searchParams.get("redirect_uri")!);
      back.searchParams.set("code", code);
      back.searchParams.set("state", url.searchParams.get("state") ?? "");
      back.searchParams.set("iss", issuer);
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === "/token" && req.method === "POST") {
      let body = "";
      for await (const chunk of req) body += chunk;
      const code = new URLSearchParams(body).get("code") ?? "";
      const basic = Buffer.from(`${encodeURIComponent(opts.clientId)}:${encodeURIComponent(opts.clientSecret)}`).toString("base64");
      if (req.headers.authorization !== `Basic ${basic}`) return json(401, { error: "invalid_client" });
      const grant = codes.get(code);
      codes.delete(code);
      if (!grant) return json(400, { error: "invalid_grant" });
      return json(200, { access_token: randomUUID(), token_type: "Bearer", expires_in: 300, id_token: await idToken(grant) });
    }
    json(404, { error: "not_found" });
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(opts.port, "127.0.0.1", () => resolve()));
  return { issuer, close: () => closeServer(server) };
}

function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

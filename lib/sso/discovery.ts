import "server-only";
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { z } from "zod";

/** The parts of a provider's discovery document Binomio uses. */
const Discovery = z.object({
  issuer: z.string(),
  jwks_uri: z.url(),
  end_session_endpoint: z.url().optional(),
});
export type Discovery = z.infer<typeof Discovery>;

const TTL_MS = 10 * 60 * 1000;
const documents = new Map<string, { at: number; doc: Discovery }>();
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/** The issuer's discovery document (cached ten minutes); throws when it cannot be read or names another issuer. */
export async function discover(issuer: string, now = Date.now()): Promise<Discovery> {
  const hit = documents.get(issuer);
  if (hit && now - hit.at < TTL_MS) return hit.doc;
  const res = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000), headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`discovery answered ${res.status}`);
  const doc = Discovery.parse(await res.json());
  if (doc.issuer.replace(/\/+$/, "") !== issuer.replace(/\/+$/, "")) throw new Error("discovery names another issuer");
  documents.set(issuer, { at: now, doc });
  return doc;
}

/**
 * Verifies an id_token's signature against the issuer's published keys, with its issuer,
 * audience and expiry. Auth.js (oauth4webapi) checks issuer, audience, expiry and nonce, but —
 * as OpenID Connect allows for a token received straight from the token endpoint over TLS — not
 * the signature; a sign-in must not rest on the transport alone, so this checks it too.
 */
export async function verifyIdToken(idToken: string, expected: { issuer: string; clientId: string }): Promise<JWTPayload> {
  const { jwks_uri } = await discover(expected.issuer);
  let keys = keySets.get(jwks_uri);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(jwks_uri), { timeoutDuration: 5000 });
    keySets.set(jwks_uri, keys);
  }
  const { payload } = await jwtVerify(idToken, keys, { issuer: expected.issuer, audience: expected.clientId, clockTolerance: 30, algorithms: ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384", "EdDSA"] });
  return payload;
}

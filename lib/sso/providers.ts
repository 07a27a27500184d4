import "server-only";
import type { OIDCConfig } from "next-auth/providers";
import type { Engine } from "@/db/engine/types";
import { listEnabledSso } from "@/db/queries/sso";
import type { CompanySso } from "@/db/schema";
import { openSecret } from "./secret-box";
import { ssoProviderId } from "./settings";

type Claims = { sub: string; email?: string; name?: string };

/**
 * The Auth.js provider of one company: OpenID Connect with discovery from the issuer, the
 * authorization code flow with state, nonce and PKCE all checked, scopes `openid email profile`.
 * Google Workspace also gets `hd`, which only preselects the domain: the claim is checked on the
 * id_token (lib/sso/sign-in.ts). A secret that no longer decrypts (the key changed) leaves the
 * company without a provider rather than sending a wrong secret.
 */
export function ssoProvider(row: CompanySso): OIDCConfig<Claims> | null {
  const clientSecret = openSecret(row.clientSecretEnc, row.companyId);
  if (clientSecret === null) return null;
  return {
    id: ssoProviderId(row.companyId),
    name: row.kind === "entra" ? "Microsoft Entra ID" : row.kind === "google" ? "Google Workspace" : "OpenID Connect",
    type: "oidc",
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecret,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile", ...(row.hostedDomain ? { hd: row.hostedDomain } : {}) } },
    profile: (claims) => ({ id: claims.sub, email: claims.email ?? null, name: claims.name ?? null }),
  };
}

/** The providers of every company with SSO on (a handful of rows: read per Auth.js request). */
export async function ssoProviders(d: Engine): Promise<OIDCConfig<Claims>[]> {
  return (await listEnabledSso(d)).flatMap((row) => ssoProvider(row) ?? []);
}

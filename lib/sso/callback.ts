import "server-only";
import type { Account, Profile, User } from "next-auth";
import type { Engine } from "@/db/engine/types";
import { getCompanySso } from "@/db/queries/sso";
import { verifyIdToken } from "./discovery";
import { auditSsoRefusal, completeSsoSignIn, type SsoRefusal } from "./sign-in";
import { companyOfProviderId } from "./settings";

/** Where a refused SSO sign-in lands: the sign-in page, which says why in plain words. */
export const refusalUrl = (reason: SsoRefusal) => `/sign-in?sso_error=${reason}`;

/**
 * Auth.js's `signIn` callback for the companies' providers, after Auth.js checked state, PKCE,
 * and the id_token's issuer, audience, expiry and nonce. Checks the signature too
 * (`verifyIdToken`), then signs the person in (`completeSsoSignIn`) and puts our user and
 * access-log session on Auth.js's user, which the `jwt` callback turns into the session token —
 * the same token a password sign-in gets. A refusal redirects to the sign-in page.
 */
export async function ssoSignInCallback(
  d: Engine,
  params: { user: User; account?: Account | null; profile?: Profile },
  req: { ip: string | null; userAgent: string | null },
): Promise<true | string> {
  const provider = params.account?.provider ?? "";
  const companyId = companyOfProviderId(provider);
  const settings = companyId === null ? undefined : await getCompanySso(d, companyId);
  if (companyId === null || !settings?.enabled) {
    await auditSsoRefusal(d, companyId, "unavailable", { provider, ip: req.ip });
    return refusalUrl("unavailable");
  }
  const idToken = params.account?.id_token;
  let claims;
  try {
    if (!idToken) throw new Error("no id_token");
    claims = await verifyIdToken(idToken, { issuer: settings.issuer, clientId: settings.clientId });
  } catch (e) {
    const error = (e as Error).message.slice(0, 300);
    console.info(`[auth] single sign-on refused: ${error}`);
    await auditSsoRefusal(d, companyId, "token", { provider, ip: req.ip, error });
    return refusalUrl("token");
  }
  if (typeof claims.iss !== "string" || typeof claims.sub !== "string") {
    await auditSsoRefusal(d, companyId, "token", { provider, ip: req.ip, error: "no iss or sub" });
    return refusalUrl("token");
  }
  const result = await completeSsoSignIn(d, companyId, { ...claims, iss: claims.iss, sub: claims.sub }, req);
  if (!result.ok) return refusalUrl(result.reason);
  params.user.id = String(result.userId);
  params.user.sid = result.sessionId;
  params.user.email = result.email;
  params.user.name = result.name;
  return true;
}

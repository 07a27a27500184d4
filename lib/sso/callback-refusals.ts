import "server-only";
import { db } from "@/db/client";
import { captureAuthErrors } from "@/lib/auth/auth-error-capture";
import { authErrorReason } from "@/lib/auth/auth-logger";
import { clientIp } from "@/lib/auth/client-ip";
import { refusalUrl } from "./callback";
import { auditSsoRefusal } from "./sign-in";
import { companyOfProviderId } from "./settings";

const CALLBACK = /\/api\/auth\/callback\/(sso-\d+)$/;

/**
 * Runs an Auth.js route handler; when it is a company provider's callback that Auth.js refused
 * before our `signIn` callback ran (an id_token with the wrong issuer, audience, expiry or nonce,
 * a missing state or PKCE cookie, a consent the person declined), records the refusal
 * (`auth.sso-refused`, with Auth.js's reason) and sends the person to the sign-in page with a
 * plain message instead of Auth.js's error code. No session exists at that point: Auth.js
 * refused before any was opened.
 */
export async function withSsoRefusals(request: Request, handle: (r: Request) => Promise<Response>): Promise<Response> {
  const provider = CALLBACK.exec(new URL(request.url).pathname)?.[1];
  if (!provider) return handle(request);
  const { result: response, errors } = await captureAuthErrors(() => handle(request));
  const location = response.headers.get("location");
  if (!location) return response;
  const error = new URL(location, request.url).searchParams.get("error");
  if (!error) return response;
  const cause = errors.find((e) => (e as { type?: string }).type === error) ?? errors[0];
  const reason = error === "OAuthCallbackError" ? "cancelled" : "token";
  await auditSsoRefusal(db(), companyOfProviderId(provider), reason, { provider, ip: clientIp(request.headers), error: cause ? authErrorReason(cause) : error });
  const headers = new Headers(response.headers);
  headers.set("location", new URL(refusalUrl(reason), request.url).toString());
  return new Response(null, { status: response.status, headers });
}

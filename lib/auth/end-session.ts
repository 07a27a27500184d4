import "server-only";
import { cookies } from "next/headers";
import { signOut } from "@/lib/auth/auth";
import { authSecret } from "./secret";
import { decodeSessionToken, readSessionCookie } from "./token";

/**
 * Ends the Auth.js cookie and, through its signOut event, the access-log session, and says
 * where the person goes next: the sign-in page, or — for a session opened through a company's
 * provider — the sign-in page with that provider named, so it can offer the provider's own
 * sign-out (lib/sso/sign-out.ts).
 */
export async function endSession(): Promise<string> {
  const jar = await cookies();
  const cookie = readSessionCookie((n) => jar.get(n));
  const token = cookie ? await decodeSessionToken(cookie.value, cookie.name, authSecret()) : null;
  const via = token?.via && /^sso-\d+$/.test(token.via) ? token.via : null;
  await signOut({ redirect: false });
  return via ? `/sign-in?signed_out=${via}` : "/sign-in";
}

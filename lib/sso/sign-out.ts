import "server-only";
import { db } from "@/db/client";
import { getCompanySso } from "@/db/queries/sso";
import { env } from "@/lib/env";
import { discover } from "./discovery";
import { companyOfProviderId } from "./settings";
import { ssoProvider } from "./providers";

/**
 * The provider's own sign-out (OpenID Connect RP-initiated logout), when its discovery document
 * has an `end_session_endpoint`: ending our session does not end the person's session at their
 * company, so the sign-in page offers it. Null when the provider has none or cannot be reached.
 */
export async function providerSignOutUrl(providerId: string): Promise<{ name: string; url: string } | null> {
  const companyId = companyOfProviderId(providerId);
  const row = companyId === null ? undefined : await getCompanySso(db(), companyId);
  if (!row?.enabled) return null;
  try {
    const { end_session_endpoint } = await discover(row.issuer);
    if (!end_session_endpoint) return null;
    const url = new URL(end_session_endpoint);
    url.searchParams.set("client_id", row.clientId);
    const origin = env().AUTH_URL;
    if (origin) url.searchParams.set("post_logout_redirect_uri", new URL("/sign-in", origin).toString());
    return { name: ssoProvider(row)?.name ?? "OpenID Connect", url: url.toString() };
  } catch {
    return null;
  }
}

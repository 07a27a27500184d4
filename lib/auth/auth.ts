import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/db/client";
import { closeAccessSession } from "./access-log";
import { authConfig } from "./config";
import { authenticate } from "./authenticate";
import { clientIp } from "./client-ip";
import { liveSession } from "./live-session";
import { ssoProviders } from "@/lib/sso/providers";
import { ssoSignInCallback } from "@/lib/sso/callback";

/** The sign-in error codes the sign-in page translates. */
export const SIGN_IN_ERRORS = ["invalid", "rate_limited", "deactivated", "sso_required"] as const;
export type SignInError = (typeof SIGN_IN_ERRORS)[number];

class SignInFailure extends CredentialsSignin {
  constructor(code: SignInError, detail?: string) {
    super();
    this.code = detail ? `${code}:${detail}` : code;
  }
}

const CredentialsInput = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

const credentials = Credentials({
  credentials: { email: {}, password: {} },
  async authorize(raw, request) {
    const parsed = CredentialsInput.safeParse(raw);
    if (!parsed.success) throw new SignInFailure("invalid");
    const result = await authenticate(db(), {
      email: parsed.data.email,
      password: parsed.data.password,
      ip: clientIp(request.headers),
      userAgent: request.headers.get("user-agent"),
    });
    if (!result.ok) {
      throw new SignInFailure(result.reason, result.reason === "rate_limited" ? String(result.retryAt.getTime()) : undefined);
    }
    return { id: String(result.userId), email: result.email, name: result.name, sid: result.sessionId };
  },
});

/**
 * Built per request (Auth.js's lazy configuration): the providers are the password plus one
 * OpenID Connect provider per company with single sign-on switched on (`sso-<companyId>`), as
 * its admin configured it at /admin/company/sso. `request` is absent in server actions.
 */
async function config(request: Request | undefined): Promise<NextAuthConfig> {
  const headers = request?.headers;
  return {
    ...authConfig,
    providers: [credentials, ...await ssoProviders(db())],
    callbacks: {
      ...authConfig.callbacks,
      /** Password sign-ins were decided in `authorize`; an SSO sign-in is decided here, on the verified id_token. */
      signIn: async (params) => (params.account?.type === "oidc" ? await ssoSignInCallback(db(), params, { ip: headers ? clientIp(headers) : null, userAgent: headers?.get("user-agent") ?? null }) : true),
      /**
       * Every later use of the token (`/api/auth/session` above all, which re-issues it with a
       * fresh expiry) first asks whether its sign-in session is still alive: a signed-out,
       * deactivated, idle or too old session answers null, and Auth.js then clears the cookie.
       */
      async jwt(params) {
        if (params.user) return authConfig.callbacks.jwt(params);
        const { uid, sid } = params.token;
        if (typeof uid !== "number" || typeof sid !== "string" || !await liveSession(db(), sid, uid)) return null;
        return params.token;
      },
    },
    events: {
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (typeof sid !== "string") return;
        await closeAccessSession(db(), sid);
      },
    },
  };
}

export const { handlers, signIn, signOut } = NextAuth(config);

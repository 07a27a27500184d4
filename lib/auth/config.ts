import type { NextAuthConfig } from "next-auth";
import { env } from "@/lib/env";
import { authLogger } from "./auth-logger";

/**
 * The Auth.js options that need no database, shared by the full config.
 *
 * Sessions are JWTs, not database sessions: Auth.js's Credentials provider only supports
 * JWT sessions, and a JWT lets the hot paths (lesson pages, heartbeats) verify a session
 * without Auth.js's per-request work. Revocation is not lost: the token carries the id of
 * our own `auth_sessions` row, and every server-side check requires that row to be open
 * and the user active (see `lib/auth/session.ts`).
 */
export const authConfig = {
  pages: { signIn: "/sign-in", error: "/sign-in" },
  session: { strategy: "jwt", maxAge: env().SESSION_MAX_AGE_HOURS * 3600 },
  trustHost: true,
  logger: authLogger,
  providers: [],
  callbacks: {
    jwt({ token, user, account }) {
      if (user) {
        token.uid = Number(user.id);
        token.sid = user.sid;
        // Which company provider signed the person in: sign-out offers that provider's sign-out.
        if (account?.type === "oidc") token.via = account.provider;
      }
      return token;
    },
  },
} satisfies NextAuthConfig;

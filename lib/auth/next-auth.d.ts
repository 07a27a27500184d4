import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    /** Our `auth_sessions.id`, opened by `authenticate()` at sign-in. */
    sid?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
    sid?: string;
    /** The SSO provider id (`sso-<companyId>`) of a session opened through a company's provider. */
    via?: string;
  }
}

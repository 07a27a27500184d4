/**
 * Auth.js's logger, so the server log says what happened in one line. A refused sign-in (wrong
 * password, blocked, deactivated) is an expected event, not an error: Auth.js would print it as
 * a 20-line `[auth][error] CredentialsSignin` stack. The outcome is already recorded where it
 * is evidence (`login_attempts`); the log gets one line with the reason and no e-mail address.
 * Real errors keep their stack.
 */
import { recordAuthError } from "./auth-error-capture";

type AuthLoggerError = Error & { type?: string; code?: string; cause?: unknown };

/** The underlying reason of an Auth.js error (its `cause.err`), one line, no token or claim values. */
export function authErrorReason(error: AuthLoggerError): string {
  const inner = (error.cause as { err?: unknown } | undefined)?.err;
  const message = inner instanceof Error ? inner.message : error.message;
  return message.replace(/\. Read more at https:\/\/errors\.authjs\.dev\S*/, "").slice(0, 300);
}

export const authLogger = {
  error(error: AuthLoggerError) {
    // An SSO callback that failed (a refused id_token, a cancelled consent): the callback route
    // audits it with this reason; the log gets one line, never the response that carried tokens.
    if (recordAuthError(error) && (error.type === "CallbackRouteError" || error.type === "OAuthCallbackError")) {
      console.info(`[auth] single sign-on refused: ${authErrorReason(error)}`);
      return;
    }
    if (error.type === "CredentialsSignin" || error.name === "CredentialsSignin") {
      const reason = typeof error.code === "string" ? error.code.split(":")[0] : "invalid";
      console.info(`[auth] sign-in refused: ${reason}`);
      return;
    }
    console.error(`[auth] ${error.type ?? error.name}: ${error.message}`, error.cause ?? error);
  },
  warn(code: string) {
    console.warn(`[auth] warning: ${code}`);
  },
  debug() {
    // Auth.js debug output is off in production; nothing to log.
  },
};

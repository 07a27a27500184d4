/**
 * Auth.js's logger, so the server log says what happened in one line. A refused sign-in (wrong
 * password, blocked, deactivated) is an expected event, not an error: Auth.js would print it as
 * a 20-line `[auth][error] CredentialsSignin` stack. The outcome is already recorded where it
 * is evidence (`login_attempts`); the log gets one line with the reason and no e-mail address.
 * Real errors keep their stack.
 */
type AuthLoggerError = Error & { type?: string; code?: string; cause?: unknown };

export const authLogger = {
  error(error: AuthLoggerError) {
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

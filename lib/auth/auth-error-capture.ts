import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The errors Auth.js logged while handling one request. Auth.js answers a failed OAuth callback
 * with a bare redirect (`?error=CallbackRouteError`); the reason (wrong audience, expired token,
 * bad nonce…) reaches only its logger. Capturing it per request lets the callback route record
 * the refusal with its reason (lib/sso/callback-refusals.ts).
 */
const store = new AsyncLocalStorage<Error[]>();

export function captureAuthErrors<T>(fn: () => Promise<T>): Promise<{ result: T; errors: Error[] }> {
  const errors: Error[] = [];
  return store.run(errors, async () => ({ result: await fn(), errors }));
}

export function recordAuthError(error: Error): boolean {
  const errors = store.getStore();
  if (!errors) return false;
  errors.push(error);
  return true;
}

/**
 * One-time account links (`/invite/<token>`, `/reset-password/<token>`). The token is stored
 * only as a hash in `account_tokens`; the outbox must hold it in clear until the mail leaves
 * (with no SMTP an admin forwards it by hand), but not after: delivered copies are scrubbed.
 */
const ONE_TIME_LINK = /\/(invite|reset-password)\/[A-Za-z0-9_-]{16,}/g;

export const REDACTED_TOKEN = "[…]";

export function redactOneTimeLinks(s: string): string {
  return s.replace(ONE_TIME_LINK, (_m, path: string) => `/${path}/${REDACTED_TOKEN}`);
}

export function hasOneTimeLink(s: string): boolean {
  return new RegExp(ONE_TIME_LINK.source).test(s);
}

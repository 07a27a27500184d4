/**
 * The client's address, as the front door resolved it (lib/runtime/front-door.mjs): the
 * socket's address, or — only behind a proxy listed in TRUSTED_PROXIES — the address that
 * proxy saw. The front door replaces `X-Forwarded-For` with that one address before Next runs,
 * so nothing a client sends can choose what lands in the access log, the audit trail or the
 * per-source limits. (`next dev` has no front door: there the header is the client's.)
 */
export function clientIp(headers: Headers): string {
  const last = headers.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return (last || "unknown").slice(0, 64);
}

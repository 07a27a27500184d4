import { env } from "@/lib/env";

/**
 * The public verification page of a certificate, printed (and QR-encoded) on it:
 * `${PUBLIC_BASE_URL ?? AUTH_URL}/verify/<code>`. Without either (development), the local
 * default origin.
 */
export function verifyUrl(code: string, base = publicBaseUrl()): string {
  return `${base.replace(/\/+$/, "")}/verify/${encodeURIComponent(code)}`;
}

export function publicBaseUrl(): string {
  const e = env();
  if (e.PUBLIC_BASE_URL) return e.PUBLIC_BASE_URL;
  // AUTH_URL may name Auth.js's own path; the site is its parent.
  if (e.AUTH_URL) return e.AUTH_URL.replace(/\/api\/auth\/?$/, "");
  return `http://localhost:${e.PORT}`;
}

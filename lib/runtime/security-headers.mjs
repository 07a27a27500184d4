// @ts-check
/**
 * Baseline security headers on every response: next.config.mjs gives them to Next for every
 * path, and the direct routes (lib/runtime/direct-routes.ts), which answer outside Next's
 * pipeline, add the same. Next's runtime injects inline scripts, so script-src needs
 * 'unsafe-inline' until nonces are introduced (nonces force dynamic rendering, which the static
 * lesson pages cannot afford); dev mode also needs 'unsafe-eval'.
 *
 * @param {boolean} production
 * @returns {{ key: string, value: string }[]}
 */
export function securityHeaders(production) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${production ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Content-Security-Policy", value: csp },
  ];
}

import { PHASE_PRODUCTION_SERVER } from "next/constants.js";
import { securityHeaders } from "./lib/runtime/security-headers.mjs";

const isProd = process.env.NODE_ENV === "production";

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // esbuild ships a native binary; lib/content/compile.ts imports it directly (mdx-bundler is external already).
  // exceljs stays in node_modules too: its zip writer (archiver 5 → archiver-utils 2) still calls
  // the deprecated `new Buffer()`, which Node reports (DEP0005) for code outside node_modules —
  // i.e. once bundled into .next. Loaded from node_modules it is the library's own business and
  // the export logs nothing; archiver-utils 3 is not compatible with archiver 5 (tested).
  serverExternalPackages: ["esbuild", "exceljs"],
  reactStrictMode: true,
  experimental: { authInterrupts: true },
  // Keep the proxy's rewrite URLs as we build them: Next would otherwise rename 127.0.0.1 to
  // "localhost" and treat the locale rewrite as an external fetch (see proxy.ts).
  skipProxyUrlNormalize: true,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: securityHeaders(isProd),
      },
    ];
  },
};

/**
 * next-intl's plugin only wires build-time aliases and loaders (it would add `env` only for
 * `trailingSlash` or `basePath`, unused here), but importing it loads @swc/core and
 * @parcel/watcher, native modules worth ~20 MB of the running server's memory: `next start`
 * gets the plain config.
 */
export default async function config(phase) {
  if (phase === PHASE_PRODUCTION_SERVER) return nextConfig;
  const { default: createNextIntlPlugin } = await import("next-intl/plugin");
  return createNextIntlPlugin("./lib/i18n/request.ts")(nextConfig);
}

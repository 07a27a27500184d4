import { NextResponse, type NextRequest } from "next/server";
import { LOCALES, LOCALE_COOKIE, localeFromCookie } from "@/lib/i18n/locales";
import { SESSION_COOKIES } from "@/lib/auth/token";

/** Areas that need a session: the proxy only redirects early, pages check again on the server. */
const PROTECTED = ["/courses", "/trainer", "/admin", "/me"];

/**
 * 1. URLs carry no locale: `/x` is rewritten to `/<locale>/x` from the cookie, so every page
 *    can still be statically generated per locale.
 * 2. A visitor without a session cookie asking for a protected area goes to sign-in at once.
 */
export default function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;

  const prefixed = LOCALES.find((l) => pathname === `/${l}` || pathname.startsWith(`/${l}/`));
  if (prefixed) {
    // A prefixed URL (old link, typed by hand): keep its language, drop the prefix.
    const res = NextResponse.redirect(new URL((pathname.slice(prefixed.length + 1) || "/") + search, rewriteOrigin(req)));
    res.cookies.set(LOCALE_COOKIE, prefixed, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
    return res;
  }

  if (PROTECTED.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    const hasSession = SESSION_COOKIES.some((n) => req.cookies.has(n));
    if (!hasSession) {
      const target = `/sign-in?callbackUrl=${encodeURIComponent(pathname + search)}`;
      return NextResponse.redirect(new URL(target, rewriteOrigin(req)));
    }
  }

  const locale = localeFromCookie(req.cookies.get(LOCALE_COOKIE)?.value);
  const target = `/${locale}${pathname === "/" ? "" : pathname}${search}`;
  return NextResponse.rewrite(new URL(target, rewriteOrigin(req)));
}

/**
 * Next treats a rewrite as internal only when its origin equals the origin the server was
 * started with (`-H`/`-p`). `req.nextUrl` reports 127.0.0.1 as "localhost", which turns the
 * rewrite into an external fetch that loops (STACK.md). scripts/runtime.ts exports the
 * bind address as HOST/PORT, so we can name the exact origin (`skipProxyUrlNormalize` keeps
 * Next from renaming it back). Redirects use it too, so Next turns them into relative ones.
 */
function rewriteOrigin(req: NextRequest): string {
  const host = process.env.HOST;
  const port = process.env.PORT;
  if (host && port && host !== "localhost") return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return req.nextUrl.origin;
}

export const config = {
  // Everything but API routes, Next's assets and files with an extension (public/).
  matcher: ["/((?!api|_next|.*\\..*).*)"],
};

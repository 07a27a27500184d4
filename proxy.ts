import { NextResponse, type NextRequest } from "next/server";
import { LOCALES, LOCALE_COOKIE, localeFromCookie } from "@/lib/i18n/locales";
import { SESSION_COOKIES } from "@/lib/auth/token";
import { isPrerenderFetch } from "@/lib/lessons/prerendered";
import { httpOrigin } from "@/lib/http-origin";

/** Areas that need a session: the proxy only redirects early, pages check again on the server. */
const PROTECTED = ["/courses", "/trainer", "/admin", "/me"];

/**
 * 1. URLs carry no locale: `/x` is rewritten to `/<locale>/x` from the cookie, so every page
 *    can still be statically generated per locale.
 * 2. A visitor without a session cookie asking for a protected area goes to sign-in at once.
 * Lesson pages (`/courses/<course>/<lesson>`) never reach the proxy (see the matcher): their
 * route handler (app/courses/…) checks access and serves the prerendered HTML itself, which
 * costs half of running a proxy and then Next's static-page pipeline.
 */
export default async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;

  const prefixed = LOCALES.find((l) => pathname === `/${l}` || pathname.startsWith(`/${l}/`));
  // The lesson route handler fetching a prerendered page from this server (lib/lessons).
  if (prefixed && isPrerenderFetch(req.headers)) return NextResponse.next();
  if (prefixed) {
    // A prefixed URL (old link, typed by hand): keep its language, drop the prefix.
    const res = NextResponse.redirect(new URL((pathname.slice(prefixed.length + 1) || "/") + search, rewriteOrigin(req)));
    res.cookies.set(LOCALE_COOKIE, prefixed, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365 });
    return res;
  }

  const signIn = () => NextResponse.redirect(new URL(`/sign-in?callbackUrl=${encodeURIComponent(pathname + search)}`, rewriteOrigin(req)));
  if (PROTECTED.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    if (!SESSION_COOKIES.some((n) => req.cookies.has(n))) return signIn();
  }

  const locale = localeFromCookie(req.cookies.get(LOCALE_COOKIE)?.value);
  const rewrite = (path: string) => NextResponse.rewrite(new URL(`/${locale}${path === "/" ? "" : path}${search}`, rewriteOrigin(req)));

  return rewrite(pathname);
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
  if (host && port && host !== "localhost") return httpOrigin(host, port);
  return req.nextUrl.origin;
}

export const config = {
  // Everything but API routes, Next's assets, files with an extension (public/) and lesson
  // pages (`/courses/<course>/<lesson>`, served by their route handler; `policy` is a page).
  matcher: ["/((?!api|_next|.*\\..*|courses/[^/]+/(?!policy$)[^/]+$).*)"],
};

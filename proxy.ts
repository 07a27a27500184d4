import { NextResponse, type NextRequest } from "next/server";
import { LOCALES, LOCALE_COOKIE, localeFromCookie } from "@/lib/i18n/locales";
import { SESSION_COOKIES } from "@/lib/auth/token";
import { isFramePagePath } from "@/lib/content/lesson-urls";
import { httpOrigin } from "@/lib/http-origin";
import { PATH_HEADER } from "@/lib/inspector/path-header";

/** Areas that need a session: the proxy only redirects early, pages check again on the server. */
const PROTECTED = ["/courses", "/trainer", "/admin", "/me"];

/**
 * 1. URLs carry no locale: `/x` is rewritten to `/<locale>/x` from the cookie, so every page
 *    can still be statically generated per locale.
 * 2. A visitor without a session cookie asking for a protected area goes to sign-in at once.
 * Lesson pages (`/courses/<course>/<lesson>`) and course pages (`/courses/<course>`) never reach
 * the proxy (see the matcher): their route handlers (app/courses/…) check access and serve the
 * prerendered HTML themselves, which costs half of running a proxy and then Next's static-page
 * pipeline (a course page's `<main>` is filled in per learner, lib/course-page). Their locale-prefixed
 * URLs are redirected back to it like any other, except under `next dev`, which has no
 * prerendered pages: there the route handler checks access and sends the learner to the
 * prefixed URL to be rendered (lib/lessons/serve.ts). The production build drops that branch.
 */
export default async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;

  const prefixed = LOCALES.find((l) => pathname === `/${l}` || pathname.startsWith(`/${l}/`));
  if (prefixed && process.env.NODE_ENV === "development" && isFramePagePath(pathname.slice(prefixed.length + 1))) return NextResponse.next();
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
  // The page sees the path it was asked for (audit of an inspector's views, lib/inspector/view-audit.ts); a client's own header is replaced.
  const headers = new Headers(req.headers);
  headers.set(PATH_HEADER, pathname + search);
  const rewrite = (path: string) => NextResponse.rewrite(new URL(`/${locale}${path === "/" ? "" : path}${search}`, rewriteOrigin(req)), { request: { headers } });

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
  // Everything but API routes, SCIM provisioning (`/scim/…`: token-authorized, no locale), Next's assets, files with an extension (public/) and lesson
  // pages (`/courses/<course>/<lesson>`, served by their route handler), the slugs reserved
  // for other course pages excepted: RESERVED_LESSON_SLUGS (lib/content/names.ts), kept in
  // step by tests/integration/lesson-urls.test.ts. Next needs the matcher as a literal.
  matcher: ["/((?!api|scim/|_next|.*\\..*|courses/[^/]+(?:/(?!(?:quiz|policy)$)[^/]+)?$).*)"],
};

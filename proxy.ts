import { NextResponse, type NextRequest } from "next/server";
import { LOCALES, LOCALE_COOKIE, localeFromCookie } from "@/lib/i18n/locales";
import { SESSION_COOKIES } from "@/lib/auth/token";
import { userFromCookies } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { checkLessonAccess } from "@/lib/progress/lesson-access";
import { db } from "@/db/client";
import { privacyNotice } from "@/lib/privacy/notice";
import { RESERVED_LESSON_SLUGS } from "@/lib/content/names";

/** Areas that need a session: the proxy only redirects early, pages check again on the server. */
const PROTECTED = ["/courses", "/trainer", "/admin", "/me"];

/** `/courses/<course>/<lesson>`: prerendered, so this proxy is where its access is decided. */
const LESSON_PATH = /^\/courses\/([^/]+)\/([^/]+)$/;

/**
 * 1. URLs carry no locale: `/x` is rewritten to `/<locale>/x` from the cookie, so every page
 *    can still be statically generated per locale.
 * 2. A visitor without a session cookie asking for a protected area goes to sign-in at once.
 * 3. Lesson pages are static HTML shared by all learners, so no page code runs per request:
 *    the full check (valid session, learner role, published lesson, forced sequence) runs
 *    here, on the server, before the prerendered page is served.
 */
export default async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;

  const prefixed = LOCALES.find((l) => pathname === `/${l}` || pathname.startsWith(`/${l}/`));
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

  const lesson = LESSON_PATH.exec(pathname);
  if (lesson && !RESERVED_LESSON_SLUGS.has(lesson[2]!)) {
    const user = await userFromCookies((n) => req.cookies.get(n));
    if (!user) return signIn();
    if (!can(user, "courses:learn")) return rewrite("/access-denied");
    if (user.privacyVersion !== privacyNotice().version) {
      return NextResponse.redirect(new URL("/privacy", rewriteOrigin(req)));
    }
    const access = checkLessonAccess(db(), user.id, decodeURIComponent(lesson[1]!), decodeURIComponent(lesson[2]!));
    if (access.status === "not_found") return rewrite("/not-found-page");
    if (access.status === "locked") {
      return NextResponse.redirect(new URL(`/courses/${access.course.slug}?locked=${access.lesson.slug}`, rewriteOrigin(req)));
    }
  }

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
  if (host && port && host !== "localhost") return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return req.nextUrl.origin;
}

export const config = {
  // Everything but API routes, Next's assets and files with an extension (public/).
  matcher: ["/((?!api|_next|.*\\..*).*)"],
};

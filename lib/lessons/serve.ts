import "server-only";
import type { NextRequest } from "next/server";
import { db } from "@/db/client";
import { userFromCookies } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { LOCALE_COOKIE, localeFromCookie } from "@/lib/i18n/locales";
import { privacyNotice } from "@/lib/privacy/notice";
import { checkLessonAccess } from "@/lib/progress/lesson-access";
import { prerenderedPage, selfOrigin, type PrerenderedPage } from "./prerendered";
import { personalEtag, withUserName } from "./personalise";

/** Pages shown instead of a lesson, fetched (anonymously) like the lessons themselves. */
const NOT_FOUND_PAGE = "/not-found-page";
const ACCESS_DENIED_PAGE = "/access-denied";

/**
 * GET /courses/<course>/<lesson> — the prerendered lesson page, for the learner allowed to
 * open it now: a valid session, the learner role, the current privacy notice acknowledged, an
 * enrolment and, with a forced sequence, every earlier lesson completed. Anyone else gets
 * the sign-in or privacy redirect, the course page (locked lesson), 403 or 404 — decided
 * before a single byte of the lesson leaves the server.
 */
export async function serveLesson(req: NextRequest, courseSlug: string, lessonSlug: string): Promise<Response> {
  const user = await userFromCookies((n) => req.cookies.get(n));
  if (!user) return redirect(`/sign-in?callbackUrl=${encodeURIComponent(req.nextUrl.pathname + req.nextUrl.search)}`);
  const locale = localeFromCookie(req.cookies.get(LOCALE_COOKIE)?.value);
  const origin = selfOrigin(req.url);
  const viewer = { id: user.id, name: `${user.firstName} ${user.lastName}` };
  if (!can(user, "courses:learn")) return page(req, await prerenderedPage(locale, ACCESS_DENIED_PAGE, origin), viewer);
  if (user.privacyVersion !== privacyNotice().version) return redirect("/privacy");
  const access = checkLessonAccess(db(), user.id, courseSlug, lessonSlug);
  if (access.status === "not_found") return page(req, await prerenderedPage(locale, NOT_FOUND_PAGE, origin), viewer);
  if (access.status === "locked") return redirect(`/courses/${access.course.slug}?locked=${access.lesson.slug}`);
  return page(req, await prerenderedPage(locale, `/courses/${access.course.slug}/${access.lesson.slug}`, origin), viewer);
}

/** Relative, like Next's own redirects: the browser resolves it against the URL it asked for. */
function redirect(location: string): Response {
  return new Response(null, { status: 307, headers: { location, "cache-control": "private, no-store" } });
}

function page(req: NextRequest, p: PrerenderedPage, viewer: { id: number; name: string }): Response {
  const headers = new Headers({
    "content-type": "text/html; charset=utf-8",
    // Personal (who may see it is decided per request), but the bytes may be revalidated.
    "cache-control": p.status === 200 ? "private, no-cache" : "private, no-store",
    vary: "Cookie",
  });
  if (p.status === 200) {
    const etag = personalEtag(p.etag, viewer.id);
    headers.set("etag", etag);
    if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  }
  // No pre-compressed copy: Next drops a route handler's Content-Encoding header and gzips
  // the answer itself when the browser accepts it.
  return new Response(withUserName(p.html, viewer.name), { status: p.status, headers });
}

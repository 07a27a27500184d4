import "server-only";
import type { NextRequest } from "next/server";
import { db } from "@/db/client";
import { userFromCookies } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { LOCALE_COOKIE, localeFromCookie, type Locale } from "@/lib/i18n/locales";
import { privacyNotice } from "@/lib/privacy/notice";
import { checkLessonAccess } from "@/lib/progress/lesson-access";
import { prerenderedPage } from "./prerendered";
import { fillMarkers, personalEtag } from "./personalise";

/**
 * A prerendered page to answer with. `main`: the personal content of a page whose `<main>` is
 * a marker (the course page, lib/course-page); such a page is never revalidated by ETag.
 */
export type Shown = { segments: readonly string[]; status: 200 | 403 | 404; main?: string };

/**
 * The pages shown instead of a lesson: real routes (`app/[locale]/access-denied`,
 * `app/[locale]/page-not-found`), prerendered like the lessons, answered with their own status.
 */
export const ACCESS_DENIED: Shown = { segments: ["access-denied"], status: 403 };
export const NOT_FOUND: Shown = { segments: ["page-not-found"], status: 404 };
export type Viewer = { id: number; name: string; locale: Locale };

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
  const viewer: Viewer = { id: user.id, name: `${user.firstName} ${user.lastName}`, locale: localeFromCookie(req.cookies.get(LOCALE_COOKIE)?.value) };
  if (!can(user, "courses:learn")) return show(req, ACCESS_DENIED, viewer);
  if (user.privacyVersion !== privacyNotice().version) return redirect("/privacy");
  const access = await checkLessonAccess(db(), user.id, courseSlug, lessonSlug);
  if (access.status === "not_found") return show(req, NOT_FOUND, viewer);
  if (access.status === "locked") return redirect(`/courses/${access.course.slug}?locked=${access.lesson.slug}`);
  return show(req, { segments: ["courses", access.course.slug, access.lesson.slug], status: 200 }, viewer);
}

/** Relative, like Next's own redirects: the browser resolves it against the URL it asked for. */
export function redirect(location: string): Response {
  return new Response(null, { status: 307, headers: { location, "cache-control": "private, no-store" } });
}

/** The page the build prerendered for `shown`, personalised for the viewer, or a 404. */
export async function show(req: NextRequest, shown: Shown, viewer: Viewer): Promise<Response> {
  const path = shown.segments.join("/");
  // `next dev` prerenders nothing (and an old build's files would be stale): after the same
  // checks, the learner is sent to the page's locale-prefixed URL, which only a development
  // proxy lets through to a normal render (proxy.ts); the header shows the marker there.
  if (process.env.NODE_ENV === "development") {
    // A frame with a personal <main> (the course page) is fetched from the development server itself and filled in here.
    if (shown.main !== undefined && shown.status === 200) return fillDevFrame(req, `/${viewer.locale}/${path}`, shown.main, viewer);
    return redirect(shown.status === 200 ? `/${viewer.locale}/${path}` : `/${path}`);
  }
  const page = prerenderedPage(viewer.locale, shown.segments);
  if (!page) {
    // A lesson published after the build passes the checks but has no page yet (logged once).
    if (shown !== NOT_FOUND) return await show(req, NOT_FOUND, viewer);
    return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store" } });
  }
  const headers = new Headers({
    "content-type": "text/html; charset=utf-8",
    // Personal (who may see it is decided per request), but the bytes may be revalidated.
    "cache-control": shown.status === 200 && shown.main === undefined ? "private, no-cache" : "private, no-store",
    vary: "Cookie",
  });
  if (shown.status === 200 && shown.main === undefined) {
    const etag = personalEtag(page.etag, viewer.id);
    headers.set("etag", etag);
    if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  }
  // No pre-compressed copy: Next drops a route handler's Content-Encoding header and gzips
  // the answer itself when the browser accepts it.
  return new Response(fillMarkers(page.html, { name: viewer.name, main: shown.main }), { status: shown.status, headers });
}

async function fillDevFrame(req: NextRequest, path: string, main: string, viewer: Viewer): Promise<Response> {
  const frame = await fetch(new URL(path, req.nextUrl.origin));
  const html = new Uint8Array(await frame.arrayBuffer());
  return new Response(fillMarkers(html, { name: viewer.name, main }), {
    status: frame.status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "private, no-store" },
  });
}

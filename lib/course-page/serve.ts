import "server-only";
import type { NextRequest } from "next/server";
import { db } from "@/db/client";
import { userFromCookies } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { LOCALE_COOKIE, localeFromCookie } from "@/lib/i18n/locales";
import { ACCESS_DENIED, NOT_FOUND, redirect, show, type Viewer } from "@/lib/lessons/serve";
import { privacyNotice } from "@/lib/privacy/notice";
import { courseMainHtml } from "./html";
import { readCourseView } from "./view";

/**
 * GET /courses/<course> — a learner's course page: the frame the build prerendered for the
 * course (header, styles, scripts; `app/[locale]/(lesson)/courses/[course]`) with the learner's
 * own `<main>` put in as HTML. The same checks as every signed-in page: a live session, the
 * learner role, the current privacy notice acknowledged, an enrolment (404 otherwise).
 * `?locked=<lesson>`: the learner was sent back from a lesson still locked.
 */
export async function serveCoursePage(req: NextRequest, courseSlug: string): Promise<Response> {
  const user = await userFromCookies((n) => req.cookies.get(n));
  if (!user) return redirect(`/sign-in?callbackUrl=${encodeURIComponent(req.nextUrl.pathname + req.nextUrl.search)}`);
  const viewer: Viewer = { id: user.id, name: `${user.firstName} ${user.lastName}`, locale: localeFromCookie(req.cookies.get(LOCALE_COOKIE)?.value) };
  if (!can(user, "courses:learn")) return show(req, ACCESS_DENIED, viewer);
  if (user.privacyVersion !== privacyNotice().version) return redirect("/privacy");
  const view = await readCourseView(db(), user.id, courseSlug, viewer.locale, req.nextUrl.searchParams.get("locked"));
  if (!view) return show(req, NOT_FOUND, viewer);
  return show(req, { segments: ["courses", view.slug], status: 200, main: courseMainHtml(view, viewer.locale) }, viewer);
}

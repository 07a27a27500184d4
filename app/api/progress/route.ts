import { NextResponse } from "next/server";
import { z } from "zod";
import { SlugSchema } from "@/lib/content/names";
import { db } from "@/db/client";
import { listCourseProgress } from "@/db/queries/progress";
import { secondsStillNeeded } from "@/lib/progress/completion";
import { withPermission } from "@/lib/auth/guards";
import { lessonRequiredSeconds, recordLessonEvent } from "@/lib/progress/lesson-events";
import { badRequest, readJson } from "@/lib/http";
import { checkLessonAccess } from "@/lib/progress/lesson-access";
import { lessonVariant, publishedLessons } from "@/lib/content/lookup";
import { requestLocale } from "@/lib/i18n/request-locale";

const Body = z.strictObject({ courseSlug: SlugSchema, lessonSlug: SlugSchema, action: z.enum(["open", "complete"]) });

/**
 * POST /api/progress {"courseSlug","lessonSlug","action":"open"|"complete"} — the learner's
 * own progress only (the user comes from the session, never from the body). The content hash
 * recorded is the server's for the learner's language, so a client cannot claim another version.
 * `complete` is refused (409, nothing recorded) until the lesson was opened in this sign-in
 * session (`not_opened`) and credited the active time the course asks for (`too_soon`, with
 * `lessonSeconds` and `lessonRequiredSeconds`).
 */
export const POST = withPermission("courses:learn", async (req, { user }) => {
  const body = await readJson(req, 1024);
  if (!body.ok) return body.response;
  const parsed = Body.safeParse(body.value);
  if (!parsed.success) return badRequest(parsed.error);
  const { courseSlug, lessonSlug, action } = parsed.data;
  const d = db();
  const access = await checkLessonAccess(d, user.id, courseSlug, lessonSlug);
  if (access.status === "not_found") return NextResponse.json({ error: "not_found", message: "No such lesson." }, { status: 404 });
  if (access.status === "locked") {
    return NextResponse.json({ error: "locked", message: "Complete the previous lessons first." }, { status: 409 });
  }
  // The version the learner reads: their language's file, or the Italian one it falls back to.
  const locale = requestLocale(req);
  const contentHash = lessonVariant(access.lesson, locale).variant.contentHash;
  const outcome = await recordLessonEvent(d, { userId: user.id, sessionId: user.sessionId, courseSlug, lessonSlug, contentHash, locale, action });
  if (!outcome.ok) {
    return outcome.code === "not_opened"
      ? NextResponse.json({ error: "not_opened", message: "Open the lesson first (in this sign-in session)." }, { status: 409 })
      : NextResponse.json(
          { error: "too_soon", message: "The lesson needs more active reading time first.", lessonSeconds: outcome.lessonSeconds, lessonRequiredSeconds: outcome.requiredSeconds },
          { status: 409 },
        );
  }
  const progress = await listCourseProgress(d, user.id, courseSlug);
  const completed = new Set(progress.filter((p) => p.completedAt).map((p) => p.lessonSlug));
  const lessons = publishedLessons(access.course);
  const index = lessons.findIndex((l) => l.slug === lessonSlug);
  const courseSeconds = progress.reduce((n, p) => n + p.activeSeconds, 0);
  return NextResponse.json({
    completed: completed.has(lessonSlug),
    completedCount: lessons.filter((l) => completed.has(l.slug)).length,
    total: lessons.length,
    next: lessons[index + 1]?.slug ?? null,
    // Active time as the server credited it, so the page can say how much the course still needs.
    lessonSeconds: progress.find((p) => p.lessonSlug === lessonSlug)?.activeSeconds ?? 0,
    // What the course asks of this lesson before it can be completed (completion.minLessonTimePercent).
    lessonRequiredSeconds: lessonRequiredSeconds(courseSlug, lessonSlug, locale),
    courseSeconds,
    stillNeededSeconds: secondsStillNeeded({ activeSeconds: courseSeconds, plannedMinutes: access.course.plannedMinutes, attendanceThreshold: access.course.completion.attendanceThreshold }),
  });
});

import { NextResponse } from "next/server";
import { z } from "zod";
import { SlugSchema } from "@/lib/content/names";
import { db } from "@/db/client";
import { recordLessonCompleted, recordLessonOpened, completedLessonSlugs } from "@/db/queries/progress";
import { startLearnerClock } from "@/db/queries/heartbeat";
import { withPermission } from "@/lib/auth/guards";
import { writeTransaction } from "@/db/open";
import { appendAuditEvent } from "@/lib/audit/trail";
import { completeCourseIfDue } from "@/lib/progress/complete-course";
import { badRequest, readJson } from "@/lib/http";
import { checkLessonAccess } from "@/lib/progress/lesson-access";
import { lessonVariant, publishedLessons } from "@/lib/content/lookup";
import { requestLocale } from "@/lib/i18n/request-locale";

const Body = z.strictObject({ courseSlug: SlugSchema, lessonSlug: SlugSchema, action: z.enum(["open", "complete"]) });

/**
 * POST /api/progress {"courseSlug","lessonSlug","action":"open"|"complete"} — the learner's
 * own progress only (the user comes from the session, never from the body). The content hash
 * recorded is the server's for the learner's language, so a client cannot claim another version.
 */
export const POST = withPermission("courses:learn", async (req, { user }) => {
  const body = await readJson(req, 1024);
  if (!body.ok) return body.response;
  const parsed = Body.safeParse(body.value);
  if (!parsed.success) return badRequest(parsed.error);
  const { courseSlug, lessonSlug, action } = parsed.data;
  const d = db();
  const access = checkLessonAccess(d, user.id, courseSlug, lessonSlug);
  if (access.status === "not_found") return NextResponse.json({ error: "not_found", message: "No such lesson." }, { status: 404 });
  if (access.status === "locked") {
    return NextResponse.json({ error: "locked", message: "Complete the previous lessons first." }, { status: 409 });
  }
  // The version the learner reads: their language's file, or the Italian one it falls back to.
  const locale = requestLocale(req);
  const contentHash = lessonVariant(access.lesson, locale).variant.contentHash;
  const entry = { userId: user.id, courseSlug, lessonSlug, contentHash };
  const subject = `lesson:${courseSlug}/${lessonSlug}`;
  writeTransaction(d, () => {
    if (action === "open") {
      recordLessonOpened(d, entry);
      startLearnerClock(d, user.id);
      appendAuditEvent(d, { type: "lesson.open", actorUserId: user.id, sessionId: user.sessionId, subject, data: { contentHash, locale } });
    } else if (recordLessonCompleted(d, entry)) {
      appendAuditEvent(d, { type: "lesson.complete", actorUserId: user.id, sessionId: user.sessionId, subject, data: { contentHash, locale } });
      completeCourseIfDue(d, { userId: user.id, courseSlug, sessionId: user.sessionId });
    }
  });
  const completed = completedLessonSlugs(d, user.id, courseSlug);
  const lessons = publishedLessons(access.course);
  const index = lessons.findIndex((l) => l.slug === lessonSlug);
  return NextResponse.json({
    completed: completed.has(lessonSlug),
    completedCount: lessons.filter((l) => completed.has(l.slug)).length,
    total: lessons.length,
    next: lessons[index + 1]?.slug ?? null,
  });
});

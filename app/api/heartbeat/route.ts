import { NextResponse } from "next/server";
import { z } from "zod";
import { SlugSchema } from "@/lib/content/names";
import { db } from "@/db/client";
import { recordHeartbeat } from "@/db/queries/heartbeat";
import { withPermission } from "@/lib/auth/guards";
import { writeTransaction } from "@/db/open";
import { attendancePending, completeCourseIfDue } from "@/lib/progress/complete-course";
import { badRequest, readJson } from "@/lib/http";

const Body = z.strictObject({ courseSlug: SlugSchema, lessonSlug: SlugSchema });

/** A heartbeat is two slugs: anything bigger is not one. */
const MAX_BYTES = 1024;

/**
 * POST /api/heartbeat {"courseSlug","lessonSlug"} — sent every 30 s while a lesson is
 * visible and the learner active, and once on leave (sendBeacon). The server decides how
 * many seconds it is worth; the body carries no time at all.
 */
export const POST = withPermission("courses:learn", async (req, { user }) => {
  const body = await readJson(req, MAX_BYTES);
  if (!body.ok) return body.response;
  const parsed = Body.safeParse(body.value);
  if (!parsed.success) return badRequest(parsed.error);
  const d = db();
  const { courseSlug } = parsed.data;
  const result = writeTransaction(d, () => {
    const r = recordHeartbeat(d, { userId: user.id, sessionId: user.sessionId, ...parsed.data });
    // Reaching the attendance threshold can complete the course: same transaction as the credit.
    if (r.ok && r.creditedSeconds > 0 && attendancePending(user.id, courseSlug)) {
      completeCourseIfDue(d, { userId: user.id, courseSlug, sessionId: user.sessionId });
    }
    return r;
  });
  if (!result.ok) return NextResponse.json({ error: "not_opened", message: "Open the lesson first." }, { status: 409 });
  return NextResponse.json({ creditedSeconds: result.creditedSeconds });
});

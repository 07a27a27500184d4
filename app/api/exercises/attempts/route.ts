import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db/client";
import { withPermission } from "@/lib/auth/guards";
import { SlugSchema } from "@/lib/content/names";
import { submitExercise } from "@/lib/exercises/submit";
import { badRequest, readJson } from "@/lib/http";
import { requestLocale } from "@/lib/i18n/request-locale";

const Id = z.string().max(64).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be an id");
const Body = z.union(
  [
    z.strictObject({ courseSlug: SlugSchema, exerciseId: SlugSchema, selected: z.array(Id).max(12, "at most 12 hotspots") }),
    z.strictObject({ courseSlug: SlugSchema, exerciseId: SlugSchema, choices: z.record(Id, Id).refine((c) => Object.keys(c).length <= 8, "at most 8 paragraphs") }),
  ],
  { error: "send {courseSlug, exerciseId, selected: [hotspot ids]} or {courseSlug, exerciseId, choices: {paragraph: choice}}" },
);

/**
 * POST /api/exercises/attempts — a learner submits a practice exercise of a lesson they can
 * open. The answer is graded on the server and stored (`exercise_attempts`); only then does
 * the browser receive which details were risky or which wording was safer, with the
 * explanations. Practice never counts toward the pass mark.
 */
export const POST = withPermission("courses:learn", async (req, { user }) => {
  const body = await readJson(req, 4 * 1024);
  if (!body.ok) return body.response;
  const parsed = Body.safeParse(body.value);
  if (!parsed.success) return badRequest(parsed.error);
  const { courseSlug, exerciseId, ...answer } = parsed.data;
  const result = await submitExercise(db(), { userId: user.id, sessionId: user.sessionId, courseSlug, exerciseId, answer, locale: requestLocale(req) });
  if (!result.ok) {
    if (result.code === "invalid") return NextResponse.json({ error: "invalid_input", message: result.message }, { status: 422 });
    if (result.code === "locked") return NextResponse.json({ error: "locked", message: "Complete the previous lessons first." }, { status: 409 });
    return NextResponse.json({ error: "not_found", message: "No such exercise." }, { status: 404 });
  }
  return NextResponse.json({ attemptId: result.attemptId, ...result.review });
});

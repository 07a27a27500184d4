import { NextResponse } from "next/server";
import { z } from "zod";
import { SlugSchema } from "@/lib/content/names";
import { db } from "@/db/client";
import { withPermission } from "@/lib/auth/guards";
import { badRequest, readJson } from "@/lib/http";
import { findQuiz, shownQuestions, startAttempt } from "@/lib/attempts/lifecycle";
import { requestLocale } from "@/lib/i18n/request-locale";

const Body = z.strictObject({ courseSlug: SlugSchema, quizId: SlugSchema });

const REFUSAL_STATUS = { not_found: 404, locked: 409, already_passed: 409, limit_reached: 403, wait: 429 } as const;
const REFUSAL_MESSAGE = {
  not_found: "No such quiz.",
  locked: "Complete the course's lessons first.",
  already_passed: "The final test is already passed.",
  limit_reached: "No attempts left.",
  wait: "Wait before the next attempt.",
} as const;

/**
 * POST /api/quiz/attempts {"courseSlug","quizId"} — starts (or resumes) an attempt and
 * returns its questions in the public view: prompts, scenarios and options, never which
 * option is correct nor any feedback.
 */
export const POST = withPermission("courses:learn", async (req, { user }) => {
  const body = await readJson(req, 1024);
  if (!body.ok) return body.response;
  const parsed = Body.safeParse(body.value);
  if (!parsed.success) return badRequest(parsed.error);
  const result = await startAttempt(db(), { userId: user.id, sessionId: user.sessionId, ...parsed.data });
  if (!result.ok) {
    const headers: Record<string, string> = {};
    if (result.code === "wait") headers["retry-after"] = String(Math.ceil((result.retryAt.getTime() - Date.now()) / 1000));
    return NextResponse.json({ error: result.code, message: REFUSAL_MESSAGE[result.code] }, { status: REFUSAL_STATUS[result.code], headers });
  }
  const { attempt } = result;
  const quiz = findQuiz(attempt.courseSlug, attempt.quizId)!.quiz;
  return NextResponse.json(
    {
      attemptId: attempt.id,
      attemptNumber: attempt.attemptNumber,
      resumed: result.resumed,
      expiresAt: attempt.expiresAt?.toISOString() ?? null,
      questions: shownQuestions(attempt, quiz, requestLocale(req)),
    },
    { status: result.resumed ? 200 : 201 },
  );
});

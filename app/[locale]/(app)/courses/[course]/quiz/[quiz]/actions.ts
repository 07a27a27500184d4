"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { SlugSchema } from "@/lib/content/names";
import { db } from "@/db/client";
import { groupCommit } from "@/db/group-commit";
import { authedAction, authedFormAction } from "@/lib/auth/authed-action";
import type { QuizFormState } from "@/lib/attempts/form-state";
import { startAttempt, submitAttempt } from "@/lib/attempts/lifecycle";

const StartInput = z.object({ courseSlug: SlugSchema, quizId: SlugSchema });

/** Starts (or resumes) an attempt and shows it; a refusal shows the quiz page, which explains it. */
export const startAttemptAction = authedFormAction("courses:learn", { schema: StartInput, onInvalid: "/courses" }, async ({ courseSlug, quizId }, user) => {
  const result = await startAttempt(db(), { userId: user.id, sessionId: user.sessionId, courseSlug, quizId });
  redirect(result.ok ? `/courses/${courseSlug}/quiz/${quizId}?attempt=${result.attempt.id}` : `/courses/${courseSlug}/quiz/${quizId}`);
});

const SubmitInput = z.object({ attemptId: z.coerce.number().int().positive(), answers: z.record(z.string(), z.array(z.string())) });

/** Answers come as `q:<questionId>` fields, one per checked option. */
function submission(formData: FormData): unknown {
  const answers: Record<string, string[]> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("q:") && typeof value === "string") (answers[key.slice(2)] ??= []).push(value);
  }
  return { attemptId: formData.get("attemptId"), answers };
}

/** Grades a submission (the user comes from the session) and shows the result; refusals stay on the form. */
export const submitAttemptAction = authedAction("courses:learn", { schema: SubmitInput, from: submission }, async ({ attemptId, answers }, user): Promise<QuizFormState> => {
  const d = db();
  const result = await groupCommit(d, () => submitAttempt(d, { userId: user.id, sessionId: user.sessionId, attemptId, answers }));
  if (result.ok) redirect(`/courses/${result.attempt.courseSlug}/quiz/${result.attempt.quizId}?attempt=${result.attempt.id}`);
  if (result.code === "invalid") {
    const missing = result.errors.filter((e) => e.code === "missing" && e.questionId).map((e) => e.questionId!);
    return missing.length === result.errors.length ? { ok: false, missing } : { ok: false, message: "invalid" };
  }
  return { ok: false, message: result.code };
});

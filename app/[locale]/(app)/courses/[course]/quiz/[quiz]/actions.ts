"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { SlugSchema } from "@/lib/content/names";
import { db } from "@/db/client";
import { groupCommit } from "@/db/group-commit";
import { can } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { startAttempt, submitAttempt } from "@/lib/attempts/lifecycle";
import type { QuizFormState } from "@/components/quiz/quiz-form";

const StartInput = z.object({ courseSlug: SlugSchema, quizId: SlugSchema });
const SubmitInput = z.object({ attemptId: z.coerce.number().int().positive() });

/** Starts (or resumes) an attempt and shows it; a refusal shows the quiz page, which explains it. */
export async function startAttemptAction(formData: FormData): Promise<void> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  const parsed = StartInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success || !can(user, "courses:learn")) redirect("/courses");
  const { courseSlug, quizId } = parsed.data;
  const result = startAttempt(db(), { userId: user.id, sessionId: user.sessionId, courseSlug, quizId });
  redirect(result.ok ? `/courses/${courseSlug}/quiz/${quizId}?attempt=${result.attempt.id}` : `/courses/${courseSlug}/quiz/${quizId}`);
}

/** Answers come as `q:<questionId>` fields (one per checked option); the user comes from the session. */
export async function submitAttemptAction(_prev: QuizFormState, formData: FormData): Promise<QuizFormState> {
  const user = await getCurrentUser();
  if (!user || !can(user, "courses:learn")) return { code: "forbidden" };
  const parsed = SubmitInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { code: "invalid" };
  const answers: Record<string, string[]> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("q:") && typeof value === "string") (answers[key.slice(2)] ??= []).push(value);
  }
  const d = db();
  const result = await groupCommit(d, () => submitAttempt(d, { userId: user.id, sessionId: user.sessionId, attemptId: parsed.data.attemptId, answers }));
  if (result.ok) redirect(`/courses/${result.attempt.courseSlug}/quiz/${result.attempt.quizId}?attempt=${result.attempt.id}`);
  if (result.code === "invalid") {
    const missing = result.errors.filter((e) => e.code === "missing" && e.questionId).map((e) => e.questionId!);
    return missing.length === result.errors.length ? { missing } : { code: "invalid" };
  }
  return { code: result.code };
}

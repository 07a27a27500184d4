import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db/client";
import { isEnrolled } from "@/db/queries/enrolment";
import { getAttempt, listAttempts } from "@/db/queries/quiz-attempts";
import { findQuiz, questionsById } from "@/lib/attempts/lifecycle";
import { attemptReviewJson, reviewShowsKeys } from "@/lib/attempts/review";
import { withPermission } from "@/lib/auth/guards";
import { requestLocale } from "@/lib/i18n/request-locale";

const Params = z.object({ id: z.coerce.number().int().positive() });
const notFound = () => NextResponse.json({ error: "not_found", message: "No such attempt." }, { status: 404 });

/**
 * GET /api/quiz/attempts/:id/review — the learner's own submitted attempt as graded: score,
 * outcome and, per question, the choices, the right options, the feedback and the explanation
 * (the last three withheld, `keysShown: false`, while the course's `finalTest.reviewKeys` says so).
 * Before submission it answers 409 and nothing of the key: the review exists only afterwards.
 */
export const GET = withPermission<{ id: string }>("courses:learn", async (req, { user, params }) => {
  const p = Params.safeParse(params);
  if (!p.success) return notFound();
  const d = db();
  const attempt = await getAttempt(d, p.data.id);
  // Someone else's attempt does not exist, as far as this learner can tell (as on the quiz page).
  if (!attempt || attempt.userId !== user.id) return notFound();
  const ref = findQuiz(attempt.courseSlug, attempt.quizId);
  if (!ref || !await isEnrolled(d, user.id, ref.course.slug)) return notFound();
  if (!attempt.submittedAt) {
    return NextResponse.json({ error: "not_submitted", message: "The review exists once the attempt is submitted." }, { status: 409 });
  }
  const showKeys = reviewShowsKeys(ref, await listAttempts(d, user.id, ref.course.slug, ref.quiz.id));
  return new Response(attemptReviewJson(attempt, questionsById(ref.quiz), requestLocale(req), showKeys), {
    headers: { "content-type": "application/json", "cache-control": "private, no-store" },
  });
});

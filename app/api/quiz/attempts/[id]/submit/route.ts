import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db/client";
import { groupCommit } from "@/db/group-commit";
import { withPermission } from "@/lib/auth/guards";
import { badRequest, readJson } from "@/lib/http";
import { submitAttempt } from "@/lib/attempts/lifecycle";
import { reviewQuestionJson } from "@/lib/quiz/review-json";
import { requestLocale } from "@/lib/i18n/request-locale";

const Params = z.object({ id: z.coerce.number().int().positive() });
const Body = z.strictObject({ answers: z.unknown() });

const STATUS = { not_found: 404, already_submitted: 409, expired: 410, over_limit: 403, content_changed: 409, invalid: 422 } as const;
const MESSAGE = {
  not_found: "No such attempt.",
  already_submitted: "This attempt was already submitted; answers cannot change.",
  expired: "The time for this attempt ran out; nothing was recorded.",
  over_limit: "This attempt is over the attempt limit.",
  content_changed: "The quiz changed since the attempt started; start a new attempt.",
  invalid: "The answers do not fit this attempt.",
} as const;

/**
 * POST /api/quiz/attempts/:id/submit {"answers": {"<questionId>": ["<optionId>", …]}} —
 * grades the learner's own open attempt once; every refusal records nothing.
 */
export const POST = withPermission<{ id: string }>("courses:learn", async (req, { user, params }) => {
  const p = Params.safeParse(params);
  if (!p.success) return NextResponse.json({ error: "not_found", message: MESSAGE.not_found }, { status: 404 });
  const body = await readJson(req, 64 * 1024);
  if (!body.ok) return body.response;
  const parsed = Body.safeParse(body.value);
  if (!parsed.success) return badRequest(parsed.error);
  const d = db();
  const result = await groupCommit(d, () => submitAttempt(d, { userId: user.id, sessionId: user.sessionId, attemptId: p.data.id, answers: parsed.data.answers }));
  if (!result.ok) {
    return NextResponse.json(
      { error: result.code, message: MESSAGE[result.code], ...(result.code === "invalid" ? { errors: result.errors } : {}) },
      { status: STATUS[result.code] },
    );
  }
  const a = result.attempt;
  const locale = requestLocale(req);
  // The review's texts are serialised once per question (lib/quiz/review-json.ts): this body is ~23 KB per final test.
  const review = result.drawn.map((q, i) => reviewQuestionJson(result.questions.get(q.questionId)!, q.optionOrder, locale, result.grades[i]!));
  const head = JSON.stringify({ attemptId: a.id, scorePercent: a.scorePercent, correctCount: a.correctCount, total: a.totalQuestions, passed: a.passed });
  return new Response(`${head.slice(0, -1)},"review":[${review.join(",")}]}`, { headers: { "content-type": "application/json" } });
});

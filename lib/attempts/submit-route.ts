import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db/client";
import { groupCommit } from "@/db/group-commit";
import { withPermission } from "@/lib/auth/guards";
import { badRequest, readJson } from "@/lib/http";
import { submitAttempt } from "@/lib/attempts/lifecycle";

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
 * grades the learner's own open attempt once and answers with the outcome and the URL of the
 * review (GET, see ../review/route.ts); every refusal records nothing.
 *
 * A public API (README "Public contracts"), not a benchmark hook: with POST /api/quiz/attempts
 * and the review it lets another client (an app, an LMS bridge) take a test. It runs the same
 * `submitAttempt` as the quiz form's server action, so the rules cannot differ; its own HTTP
 * behaviour is held by the e2e specs (quiz: outcome, opaque option ids, review only after
 * submission, one winner of simultaneous submits; authorization-matrix; hostile-inputs).
 *
 * Served by app/api/quiz/attempts/[id]/submit/route.ts and, in the production server, straight
 * from the front door (lib/runtime/direct-routes.ts): the same function either way.
 */
export const postSubmit = withPermission<{ id: string }>("courses:learn", async (req, { user, params }) => {
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
  // The review (~23 KB of texts for a final test) is a separate GET: sending it here cost a sixth of the submit's throughput (README "Performance").
  return NextResponse.json({
    attemptId: a.id,
    scorePercent: a.scorePercent,
    correctCount: a.correctCount,
    total: a.totalQuestions,
    passed: a.passed,
    review: `/api/quiz/attempts/${a.id}/review`,
  });
});

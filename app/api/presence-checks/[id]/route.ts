import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db/client";
import { withPermission } from "@/lib/auth/guards";
import { badRequest, readJson } from "@/lib/http";
import { answerCheck } from "@/lib/presence/checks";

const Params = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const Body = z.strictObject({ answer: z.int({ error: "answer must be a whole number" }).min(0).max(100) });

const NOT_FOUND = { error: "not_found", message: "No such presence check." } as const;

/**
 * POST /api/presence-checks/<id> {"answer": <number>} — the learner answers their own presence
 * check, once. Answers `{correct, delaySeconds, next}`: a wrong answer brings a new question
 * (`next`), a right one restarts the lesson's clock. Someone else's or an unknown check is 404;
 * an answered one 409. Every refusal records nothing.
 */
export const POST = withPermission<{ id: string }>("courses:learn", async (req, { user, params }) => {
  const p = Params.safeParse(params);
  if (!p.success) return NextResponse.json(NOT_FOUND, { status: 404 });
  const body = await readJson(req, 256);
  if (!body.ok) return body.response;
  const parsed = Body.safeParse(body.value);
  if (!parsed.success) return badRequest(parsed.error);
  const r = await answerCheck(db(), { userId: user.id, sessionId: user.sessionId, id: p.data.id, answer: parsed.data.answer });
  if (!r.ok && r.code === "not_found") return NextResponse.json(NOT_FOUND, { status: 404 });
  if (!r.ok) return NextResponse.json({ error: "already_answered", message: "This question was already answered." }, { status: 409 });
  return NextResponse.json({ correct: r.correct, delaySeconds: r.delaySeconds, next: r.next });
});

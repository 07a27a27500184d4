import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { SlugSchema } from "@/lib/content/names";
import { db } from "@/db/client";
import { withPermission } from "@/lib/auth/guards";
import { recordLearnerHeartbeat } from "@/lib/progress/heartbeat";
import { badRequest, readJson } from "@/lib/http";

const Body = z.strictObject({ courseSlug: SlugSchema, lessonSlug: SlugSchema });

/** A heartbeat is two slugs: anything bigger is not one. */
const MAX_BYTES = 1024;

/**
 * POST /api/heartbeat {"courseSlug","lessonSlug"} — sent every 30 s while a lesson is
 * visible and the learner active, and once on leave (sendBeacon). The server decides how
 * many seconds it is worth; the body carries no time at all. When the learner's plan asks for
 * presence checks the answer may carry one (`presenceCheck`: `{id, a, b, options}`, never which
 * option is right); while it is unanswered every heartbeat credits 0 s and carries it again.
 *
 * Served by app/api/heartbeat/route.ts and, in the production server, straight from the front
 * door (lib/runtime/direct-routes.ts): the same function either way.
 */
export const postHeartbeat = withPermission("courses:learn", async (req, { user }) => {
  const body = await readJson(req, MAX_BYTES);
  if (!body.ok) return body.response;
  const parsed = Body.safeParse(body.value);
  if (!parsed.success) return badRequest(parsed.error);
  const result = await recordLearnerHeartbeat(db(), { userId: user.id, sessionId: user.sessionId, ...parsed.data });
  if (!result.ok) return NextResponse.json({ error: "not_opened", message: "Open the lesson first." }, { status: 409 });
  return NextResponse.json({ creditedSeconds: result.creditedSeconds, ...(result.presenceCheck ? { presenceCheck: result.presenceCheck } : {}) });
});

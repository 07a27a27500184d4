import { NextResponse } from "next/server";
import { z } from "zod";
import { db } from "@/db/client";
import { inviteUser } from "@/lib/account/invite";
import { withScope } from "@/lib/auth/guards";
import { badRequest, readJson } from "@/lib/http";
import { deliverMail } from "@/lib/mail/deliver";

const Params = z.object({ id: z.coerce.number().int().positive() });

const ERRORS = {
  not_found: { status: 404, message: "No such person." },
  inactive: { status: 409, message: "This person is deactivated: reactivate them first." },
  has_password: { status: 409, message: "This person already has a password: they can use the forgotten-password page." },
} as const;

/**
 * POST /api/admin/people/:id/invite — sends (or, without SMTP, queues in the outbox) the
 * invitation mail with a fresh 7-day link. No body needed; a body, if sent, must be JSON of at
 * most 1 KiB (413 beyond). Answers `{ ok, outboxId, expiresAt, delivery: "sent" | "held" | "failed" }`.
 */
export const POST = withScope<{ id: string }>("people:manage", async (req, { user, scope, params }) => {
  const p = Params.safeParse(params);
  if (!p.success) return badRequest(p.error, 404);
  // The body is optional; one that is sent is held to the usual limit and must be JSON.
  if (req.body && req.headers.get("content-length") !== "0") {
    const body = await readJson(req, 1024);
    if (!body.ok) return body.response;
  }
  const d = db();
  const result = await inviteUser(d, p.data.id, { invitedBy: user.id, sessionId: user.sessionId, scope });
  if (!result.ok) {
    const e = ERRORS[result.error];
    return NextResponse.json({ error: result.error, message: e.message }, { status: e.status });
  }
  const delivery = await deliverMail(d, [result.outboxId]);
  return NextResponse.json({
    ok: true,
    outboxId: result.outboxId,
    expiresAt: result.expiresAt.toISOString(),
    delivery: delivery.sent ? "sent" : delivery.failed ? "failed" : "held",
  });
});

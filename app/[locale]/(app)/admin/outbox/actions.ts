"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/db/client";
import { findUserByEmail } from "@/db/queries/users";
import { inviteUser } from "@/lib/account/invite";
import { scopedAction, type ActionState } from "@/lib/auth/guards";
import type { DataScope } from "@/db/queries/scope";
import type { CurrentUser } from "@/lib/auth/session";
import { deliverMail } from "@/lib/mail/deliver";

/**
 * Invites and delivers at once, so the admin sees the outcome: `sent`, `held` (no SMTP: the
 * mail waits in the outbox) or `failed` (recorded on the outbox row, retried by
 * `npm run reminders`).
 */
async function inviteAndDeliver(userId: number, user: CurrentUser, scope: DataScope): Promise<ActionState> {
  const d = db();
  const result = inviteUser(d, userId, { invitedBy: user.id, sessionId: user.sessionId, scope });
  if (!result.ok) return { ok: false, message: result.error };
  const delivery = await deliverMail(d, [result.outboxId]);
  revalidatePath("/[locale]/admin/outbox", "page");
  return { ok: true, message: delivery.sent ? "sent" : delivery.failed ? "failed" : "held" };
}

export const inviteByEmailAction = scopedAction("people:manage", z.object({ email: z.email().max(320) }), async (input, user, scope) => {
  const person = findUserByEmail(db(), input.email);
  if (!person) return { ok: false, message: "not_found" };
  return inviteAndDeliver(person.id, user, scope);
});

export const inviteByIdAction = scopedAction("people:manage", z.object({ userId: z.coerce.number().int().positive() }), (input, user, scope) =>
  inviteAndDeliver(input.userId, user, scope),
);

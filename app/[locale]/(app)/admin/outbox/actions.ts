"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db/client";
import { findUserByEmail } from "@/db/queries/users";
import { inviteUser } from "@/lib/account/invite";
import { getOutboxMail } from "@/db/queries/mail";
import { authedAction, authedFormAction } from "@/lib/auth/authed-action";
import type { FormState } from "@/lib/forms/form-state";
import { revealLinks } from "@/lib/mail/link-access";
import type { CurrentUser } from "@/lib/auth/session";
import { deliverMail } from "@/lib/mail/deliver";

/**
 * Invites and delivers at once, so the admin sees the outcome: `sent`, `held` (no SMTP: the
 * mail waits in the outbox) or `failed` (recorded on the outbox row, retried by
 * `npm run reminders`).
 */
async function inviteAndDeliver(userId: number, user: CurrentUser): Promise<FormState> {
  const d = db();
  const result = inviteUser(d, userId, { invitedBy: user.id, sessionId: user.sessionId });
  if (!result.ok) return { ok: false, message: result.error };
  const delivery = await deliverMail(d, [result.outboxId]);
  revalidatePath("/[locale]/admin/outbox", "page");
  return { ok: true, message: delivery.sent ? "sent" : delivery.failed ? "failed" : "held" };
}

export const inviteByEmailAction = authedAction("people:manage", z.object({ email: z.email().max(320) }), async (input, user) => {
  const person = findUserByEmail(db(), input.email);
  if (!person) return { ok: false, message: "not_found" };
  return inviteAndDeliver(person.id, user);
});

export const inviteByIdAction = authedAction("people:manage", z.object({ userId: z.coerce.number().int().positive() }), (input, user) =>
  inviteAndDeliver(input.userId, user),
);

const RevealInput = z.object({ outboxId: z.coerce.number().int().positive() });

/** Shows the one-time link of a mail in the outbox to this admin, recording that they asked (see lib/mail/link-access.ts). */
export const revealOutboxLinkAction = authedFormAction("outbox:read", { schema: RevealInput, onInvalid: "/admin/outbox" }, (input, user) => {
  const d = db();
  const mail = getOutboxMail(d, input.outboxId);
  if (mail) revealLinks(d, mail, user);
  redirect(`/admin/outbox/${input.outboxId}`);
});

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/db/client";
import { findUserByEmail } from "@/db/queries/users";
import { inviteUser } from "@/lib/account/invite";
import type { DataScope } from "@/db/queries/scope";
import { getOutboxMail } from "@/db/queries/mail";
import { scopedAction, scopedFormAction } from "@/lib/auth/authed-action";
import type { FormState } from "@/lib/forms/form-state";
import { revealLinks } from "@/lib/mail/link-access";
import type { CurrentUser } from "@/lib/auth/session";
import { deliverMail } from "@/lib/mail/deliver";

/**
 * Invites and delivers at once, so the admin sees the outcome: `sent`, `held` (no SMTP: the
 * mail waits in the outbox) or `failed` (recorded on the outbox row, retried by
 * `npm run reminders`).
 */
async function inviteAndDeliver(userId: number, user: CurrentUser, scope: DataScope): Promise<FormState> {
  const d = db();
  const result = await inviteUser(d, userId, { invitedBy: user.id, sessionId: user.sessionId, scope });
  if (!result.ok) return { ok: false, message: result.error };
  const delivery = await deliverMail(d, [result.outboxId]);
  revalidatePath("/[locale]/admin/outbox", "page");
  return { ok: true, message: delivery.sent ? "sent" : delivery.failed ? "failed" : "held" };
}

export const inviteByEmailAction = scopedAction("people:manage", z.object({ email: z.email().max(320) }), async (input, user, scope) => {
  const person = await findUserByEmail(db(), input.email);
  if (!person) return { ok: false, message: "not_found" };
  return inviteAndDeliver(person.id, user, scope);
});

export const inviteByIdAction = scopedAction("people:manage", z.object({ userId: z.coerce.number().int().positive() }), (input, user, scope) =>
  inviteAndDeliver(input.userId, user, scope),
);

const RevealInput = z.object({ outboxId: z.coerce.number().int().positive() });

/** Shows the one-time link of a mail in the outbox to this admin, recording that they asked (see lib/mail/link-access.ts). */
export const revealOutboxLinkAction = scopedFormAction("outbox:read", { schema: RevealInput, onInvalid: "/admin/outbox" }, async (input, user, scope) => {
  const d = db();
  // Another company's mail is not found, like one that does not exist.
  const mail = await getOutboxMail(d, scope.companyId, input.outboxId);
  if (mail) await revealLinks(d, mail, user);
  redirect(`/admin/outbox/${input.outboxId}`);
});

import "server-only";
import type { Engine } from "@/db/engine/types";
import { expireOpenAccountTokens, getAccountRecipient, insertAccountToken } from "@/db/queries/tokens";
import { queueMail } from "@/lib/mail/outbox";
import { isUserInScope, type DataScope } from "@/db/queries/scope";
import { invitationMail } from "@/lib/mail/templates";
import { mailBrand } from "@/lib/mail/brand";
import { appendAccountEvent } from "./audit";
import { accountLink, hashToken, INVITE_TTL_MS, newToken } from "./tokens";

export type InviteResult = { ok: true; outboxId: number; expiresAt: Date } | { ok: false; error: "not_found" | "inactive" | "has_password" };

/**
 * Invites a person who has no password yet: a fresh one-time link (valid 7 days; earlier open
 * invitations stop working), the invitation mail in the person's language queued in the
 * outbox, and an audit event — all in one transaction. Deliver the mail afterwards with
 * `deliverMail(d, [outboxId])`.
 *
 * Someone who already has a password is refused (`has_password`): they use "forgotten
 * password", which also ends their sessions.
 */
export async function inviteUser(
  d: Engine,
  userId: number,
  opts: { invitedBy: number | null; sessionId?: string | null; now?: Date; scope?: DataScope },
): Promise<InviteResult> {
  const now = opts.now ?? new Date();
  return d.write(async (): Promise<InviteResult> => {
    const user = await getAccountRecipient(d, userId);
    // An admin invites only inside their scope; anyone else is not found, like an unknown id.
    if (!user || (opts.scope && !await isUserInScope(d, opts.scope, user.id))) return { ok: false, error: "not_found" };
    if (!user.active) return { ok: false, error: "inactive" };
    if (user.hasPassword) return { ok: false, error: "has_password" };
    const token = newToken();
    const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
    await expireOpenAccountTokens(d, user.id, now, "invite");
    await insertAccountToken(d, { userId: user.id, purpose: "invite", tokenHash: hashToken(token), expiresAt, now });
    const mail = invitationMail({ ...user, url: accountLink("invite", token), expiresAt, brand: await mailBrand(d, user.companyId) });
    const outboxId = await queueMail(d, { to: user.email, userId: user.id, companyId: user.companyId, kind: "invite", mail, now });
    await appendAccountEvent(d, {
      type: "invite",
      actorUserId: opts.invitedBy,
      sessionId: opts.sessionId,
      subjectUserId: user.id,
      // The outbox row: the admin who sent it may read its link there (lib/mail/link-access.ts).
      data: { expiresAt: Math.floor(expiresAt.getTime() / 1000), outboxId },
      at: now,
    });
    return { ok: true, outboxId, expiresAt };
  });
}

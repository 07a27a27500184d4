import "server-only";
import { z } from "zod";
import type { Engine } from "@/db/engine/types";
import { countAccountTokensSince, getAccountRecipientByEmail, insertAccountToken } from "@/db/queries/tokens";
import { normaliseEmail } from "@/db/queries/users";
import { queueMail } from "@/lib/mail/outbox";
import { invitationMail, passwordResetMail } from "@/lib/mail/templates";
import { mailBrand } from "@/lib/mail/brand";
import type { RequestLinkState } from "./form-state";
import { StoredWindowLimit } from "./rate-limit";
import { padToMinimum } from "./timing";
import { accountLink, hashToken, newToken, ttlFor, type TokenPurpose } from "./tokens";

/** Links one account may receive per hour, whoever asks (invitations included): what protects its mailbox. Counted in SQLite. */
export const LINK_REQUESTS_PER_ACCOUNT_PER_HOUR = 10;
/** Links one address may ask for one account per hour: a stranger uses up only their own share. */
export const LINK_REQUESTS_PER_ACCOUNT_PER_SOURCE_PER_HOUR = 3;
/** Requests one address may make per hour, whatever e-mail they name. Counted in SQLite too (`rate_limit_hits`), across app processes. */
export const LINK_REQUESTS_PER_IP_PER_HOUR = 20;
const HOUR_MS = 60 * 60 * 1000;

const perIp = new StoredWindowLimit("link-request-ip", LINK_REQUESTS_PER_IP_PER_HOUR, HOUR_MS);

/**
 * What happened, for tests and logs only: the visitor always gets the same answer, so the
 * page reveals neither whether an account exists nor whether a limit was hit.
 */
export type LinkRequestOutcome =
  | { outcome: "queued"; purpose: TokenPurpose; outboxId: number }
  | { outcome: "unknown" | "inactive" | "rate_limited" };

/**
 * "Forgotten password" and "send me a new link": for an active account, a fresh one-time link
 * by mail — a reset link (valid 1 hour) when the account has a password, otherwise a new
 * invitation (valid 7 days, the person never chose one). Earlier links stay valid until one of
 * them is used (using one ends the others), so a stranger asking for links in the owner's name
 * cannot cancel the one the owner is about to use. Unknown and deactivated addresses get
 * nothing. At most {@link LINK_REQUESTS_PER_ACCOUNT_PER_SOURCE_PER_HOUR} links per account
 * and address, {@link LINK_REQUESTS_PER_ACCOUNT_PER_HOUR} per account, and
 * {@link LINK_REQUESTS_PER_IP_PER_HOUR} requests per address per hour.
 *
 * Queues only: deliver the mail after this returns (`deliverMail`), outside the response's
 * critical path, so the answer takes the same time whether or not a mail is sent.
 */
export async function requestAccountLink(d: Engine, input: { email: string; ip: string; now?: Date }): Promise<LinkRequestOutcome> {
  const now = input.now ?? new Date();
  if (!(await perIp.hit(d, input.ip, now.getTime()))) return { outcome: "rate_limited" };
  const email = normaliseEmail(input.email);
  return d.write(async (): Promise<LinkRequestOutcome> => {
    const user = await getAccountRecipientByEmail(d, email);
    if (!user) return { outcome: "unknown" };
    if (!user.active) return { outcome: "inactive" };
    const recent = await countAccountTokensSince(d, user.id, new Date(now.getTime() - HOUR_MS), input.ip);
    if (recent.fromSource >= LINK_REQUESTS_PER_ACCOUNT_PER_SOURCE_PER_HOUR || recent.all >= LINK_REQUESTS_PER_ACCOUNT_PER_HOUR) {
      return { outcome: "rate_limited" };
    }
    const purpose: TokenPurpose = user.hasPassword ? "reset" : "invite";
    const token = newToken();
    const expiresAt = new Date(now.getTime() + ttlFor(purpose));
    await insertAccountToken(d, { userId: user.id, purpose, tokenHash: hashToken(token), expiresAt, now, requestedFrom: input.ip });
    const url = accountLink(purpose, token);
    const brand = await mailBrand(d, user.companyId);
    const mail = purpose === "reset" ? passwordResetMail({ ...user, url, brand }) : invitationMail({ ...user, url, expiresAt, brand });
    const outboxId = await queueMail(d, { to: user.email, userId: user.id, companyId: user.companyId, kind: purpose, mail, now });
    return { outcome: "queued", purpose, outboxId };
  });
}

const EmailInput = z.email().max(320);

/** Longer than the work of either branch, so known and unknown addresses answer alike. */
export const LINK_ANSWER_AFTER_MS = 400;

/**
 * The public side of {@link requestAccountLink}, as the forms call it: validates the address,
 * requests the link, hands a queued mail to `deliverLater` (the caller sends it after the
 * response) and answers `{ status: "sent" }` after at least {@link LINK_ANSWER_AFTER_MS},
 * whatever happened. Only a malformed address gets another answer, which says nothing about
 * any account.
 */
export async function answerLinkRequest(
  d: Engine,
  input: { email: unknown; ip: string; now?: Date; deliverLater: (outboxId: number) => void; minimumMs?: number },
): Promise<RequestLinkState> {
  const started = performance.now();
  const raw = typeof input.email === "string" ? input.email.trim().slice(0, 320) : "";
  const email = EmailInput.safeParse(raw);
  if (!email.success) return { status: "invalid", email: raw };
  const result = await requestAccountLink(d, { email: email.data, ip: input.ip, now: input.now });
  if (result.outcome === "queued") input.deliverLater(result.outboxId);
  await padToMinimum(started, input.minimumMs ?? LINK_ANSWER_AFTER_MS);
  return { status: "sent" };
}

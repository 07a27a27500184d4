import "server-only";
import type { Engine } from "@/db/engine/types";
import { acknowledgePolicy } from "@/db/queries/policy";
import { acknowledgePrivacy } from "@/db/queries/privacy";
import { appendAuditEvent } from "@/lib/audit/trail";
import { completeCourseIfDue } from "@/lib/progress/complete-course";
import { renderCompanyDocument } from "./company-texts";

type Reader = { userId: number; companyId: number | null; sessionId: string | null; locale: "it" | "en"; now?: Date };

export type AckOutcome = "recorded" | "already" | "not-ready" | "changed";

/**
 * A person acknowledges the privacy notice exactly as shown: `textHash` must be the hash of
 * the notice filled with the company's details now (a notice with a blank, or one that changed
 * since it was shown, is refused). Recorded with the version, the hash and the language.
 */
export async function acknowledgeNotice(d: Engine, r: Reader & { version: string; textHash: string }): Promise<AckOutcome> {
  const rendered = await renderCompanyDocument(d, "notice", r.companyId, r.locale);
  if (!rendered?.ok) return "not-ready";
  if (rendered.version !== r.version || rendered.hash !== r.textHash) return "changed";
  const now = r.now ?? new Date();
  return d.write(async () => {
    if (!await acknowledgePrivacy(d, r.userId, r.version, now, { textHash: r.textHash, locale: r.locale })) return "already";
    await appendAuditEvent(d, { type: "privacy.acknowledge", actorUserId: r.userId, sessionId: r.sessionId, subject: `user:${r.userId}`, data: { version: r.version, textHash: r.textHash, locale: r.locale }, at: now });
    return "recorded";
  });
}

/**
 * A learner acknowledges the company's social media policy exactly as shown (same rules as
 * the notice); if that was the course's last requirement, the course completes in the same
 * transaction.
 */
export async function acknowledgeCompanyPolicy(d: Engine, r: Reader & { version: string; textHash: string; courseSlug: string }): Promise<AckOutcome> {
  const rendered = await renderCompanyDocument(d, "policy", r.companyId, r.locale);
  if (!rendered?.ok) return "not-ready";
  if (rendered.version !== r.version || rendered.hash !== r.textHash) return "changed";
  const now = r.now ?? new Date();
  return d.write(async () => {
    const recorded = await acknowledgePolicy(d, r.userId, r.version, r.courseSlug, now, { textHash: r.textHash, locale: r.locale });
    if (recorded) {
      await appendAuditEvent(d, { type: "policy.acknowledge", actorUserId: r.userId, sessionId: r.sessionId, subject: `policy:${r.version}`, data: { courseSlug: r.courseSlug, textHash: r.textHash, locale: r.locale }, at: now });
    }
    await completeCourseIfDue(d, { userId: r.userId, courseSlug: r.courseSlug, sessionId: r.sessionId, now });
    return recorded ? "recorded" : "already";
  });
}

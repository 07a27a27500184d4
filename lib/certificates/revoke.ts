import "server-only";
import type { Engine } from "@/db/engine/types";
import { getCertificateInScope, revokeCertificateRow } from "@/db/queries/certificates";
import type { DataScope } from "@/db/queries/scope";
import type { Certificate } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/trail";
import { normaliseCertificateCode } from "./code";

export const REVOKE_REASON_MIN = 5;
export const REVOKE_REASON_MAX = 500;

export type RevokeResult = { ok: true; certificate: Certificate } | { ok: false; code: "not_found" | "already_revoked" };

/**
 * Revokes a certificate with a reason, in one transaction with its `certificate.revoke`
 * audit event. A certificate is revoked once (a trigger refuses a second change); it stays
 * downloadable, stamped REVOCATO, and the public page shows the date and reason.
 */
export async function revokeCertificate(
  d: Engine,
  scope: DataScope,
  input: { code: string; reason: string; actorUserId: number; sessionId?: string | null; now?: Date },
): Promise<RevokeResult> {
  const code = normaliseCertificateCode(input.code);
  if (!code) return { ok: false, code: "not_found" };
  const at = input.now ?? new Date();
  return d.write(async (): Promise<RevokeResult> => {
    // Another company's certificate is not found, exactly like an unknown code.
    const existing = await getCertificateInScope(d, scope, code);
    if (!existing) return { ok: false, code: "not_found" };
    if (existing.revokedAt) return { ok: false, code: "already_revoked" };
    const certificate = await revokeCertificateRow(d, code, { reason: input.reason, by: input.actorUserId, at });
    if (!certificate) return { ok: false, code: "already_revoked" };
    await appendAuditEvent(d, {
      type: "certificate.revoke",
      actorUserId: input.actorUserId,
      sessionId: input.sessionId ?? null,
      subject: `certificate:${code}`,
      data: { reason: input.reason, userId: certificate.userId, courseSlug: certificate.courseSlug },
      at,
    });
    return { ok: true, certificate };
  });
}

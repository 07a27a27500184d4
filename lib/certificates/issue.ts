import "server-only";
import type { Engine } from "@/db/engine/types";
import { insertCertificate } from "@/db/queries/certificates";
import type { Certificate, CourseCompletion } from "@/db/schema";
import { appendAuditEvent } from "@/lib/audit/trail";
import { newCertificateCode } from "./code";

/**
 * Issues the certificate of a completion record, with a fresh verification code and its
 * `certificate.issue` audit event. The caller holds the transaction that wrote the record
 * (`completeCourseIfDue`), so a completion never exists without its certificate. `expiresAt`
 * comes from the course's validity (null: it never expires).
 */
export async function issueCertificate(
  d: Engine,
  record: CourseCompletion,
  input: { userId: number; sessionId?: string | null; expiresAt?: Date | null },
): Promise<Certificate> {
  const certificate = await insertCertificate(d, {
    code: newCertificateCode(),
    userId: input.userId,
    courseSlug: record.courseSlug,
    completionId: record.id,
    issuedAt: record.completedAt,
    expiresAt: input.expiresAt ?? null,
  });
  await appendAuditEvent(d, {
    type: "certificate.issue",
    actorUserId: input.userId,
    sessionId: input.sessionId ?? null,
    subject: `certificate:${certificate.code}`,
    data: { completionId: record.id, courseSlug: record.courseSlug },
  });
  return certificate;
}

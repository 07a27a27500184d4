import "server-only";
import type { AppDatabase } from "@/db/open";
import { getCertificateDetails, type CertificateDetailRow } from "@/db/queries/certificates";
import { getCourse } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import { fundingReferences } from "@/lib/reports/funding";
import { normaliseCertificateCode } from "./code";
import { renderCertificatePdf } from "./pdf";
import { verifyUrl } from "./url";
import { certificateView, type CertificateData } from "./view";

/** The facts to print, from a detail row and the catalog (course title and objectives in Italian). */
export function certificateData(row: CertificateDetailRow, opts: { contentRoot?: string; baseUrl?: string } = {}): CertificateData {
  const course = getCourse(row.courseSlug, opts.contentRoot);
  const d = (s: number) => new Date(s * 1000);
  return {
    code: row.code,
    issuedAt: d(row.issuedAt),
    revokedAt: row.revokedAt === null ? null : d(row.revokedAt),
    revokedReason: row.revokedReason,
    learner: { firstName: row.firstName, lastName: row.lastName, fiscalCode: row.fiscalCode },
    company: row.companyName
      ? { name: row.companyName, taxCode: row.companyTaxCode, city: row.companyCity, signerName: row.signerName, signerRole: row.signerRole }
      : null,
    course: {
      slug: row.courseSlug,
      title: course ? localized(course.title, "it") : row.courseSlug,
      objectives: course ? localized(course.objectives, "it") : [],
    },
    completion: {
      completedAt: d(row.completedAt),
      activeSeconds: row.activeSeconds,
      plannedMinutes: row.plannedMinutes,
      attendancePercent: row.attendancePercent,
      finalScorePercent: row.finalScorePercent,
    },
    startedAt: row.startedAt === null ? null : d(row.startedAt),
    funding: fundingReferences(),
    verifyUrl: opts.baseUrl ? verifyUrl(row.code, opts.baseUrl) : verifyUrl(row.code),
  };
}

/** A certificate by what someone typed or scanned; undefined for a malformed or unknown code. */
export function findCertificate(d: AppDatabase, input: string): CertificateDetailRow | undefined {
  const code = normaliseCertificateCode(input);
  return code ? getCertificateDetails(d, code) : undefined;
}

export function certificatePdf(row: CertificateDetailRow, opts: { contentRoot?: string; baseUrl?: string } = {}): Promise<Uint8Array> {
  return renderCertificatePdf(certificateView(certificateData(row, opts)));
}

export function certificateFileName(code: string): string {
  return `attestato-${code}.pdf`;
}

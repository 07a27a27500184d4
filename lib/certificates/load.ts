import "server-only";
import type { Engine } from "@/db/engine/types";
import { getCertificateDetails, getCurrentCertificateCode, type CertificateDetailRow } from "@/db/queries/certificates";
import { getCompanyLogo } from "@/db/queries/companies";
import { getCourse } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import { fundingOfRow } from "@/lib/reports/funding";
import { normaliseCertificateCode } from "./code";
import { renderCertificatePdf } from "./pdf";
import { verifyUrl } from "./url";
import { certificateView, verificationStatus, type CertificateData, type VerificationStatus } from "./view";

/**
 * The facts to print, from a detail row and the catalog (course title and objectives in Italian):
 * the company's name and logo, the plan's references and signer, the company's own public
 * address in the QR code when it has one.
 */
export function certificateData(row: CertificateDetailRow, opts: { contentRoot?: string; baseUrl?: string; logo?: CertificateData["logo"] } = {}): CertificateData {
  const course = getCourse(row.courseSlug, opts.contentRoot);
  const d = (s: number) => new Date(s * 1000);
  return {
    code: row.code,
    issuedAt: d(row.issuedAt),
    expiresAt: row.expiresAt === null ? null : d(row.expiresAt),
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
    funding: fundingOfRow(row),
    verifyUrl: verifyUrl(row.code, opts.baseUrl ?? row.companyBaseUrl ?? undefined),
    logo: opts.logo ?? null,
  };
}

/** A certificate by what someone typed or scanned; undefined for a malformed or unknown code. */
export async function findCertificate(d: Engine, input: string): Promise<CertificateDetailRow | undefined> {
  const code = normaliseCertificateCode(input);
  return code ? await getCertificateDetails(d, code) : undefined;
}

export async function certificatePdf(d: Engine, row: CertificateDetailRow, opts: { contentRoot?: string; baseUrl?: string } = {}): Promise<Uint8Array> {
  const logo = row.companyId === null ? null : await getCompanyLogo(d, row.companyId);
  return renderCertificatePdf(certificateView(certificateData(row, { ...opts, logo: logo ? { bytes: logo.bytes, type: logo.type } : null })));
}

export function certificateFileName(code: string): string {
  return `attestato-${code}.pdf`;
}

export type Verification = {
  cert: CertificateDetailRow;
  status: VerificationStatus;
  /** The same person's valid certificate of the course, shown beside one that no longer is (null: none, or this is it). */
  current: { code: string; expiresAt: number | null } | null;
};

/** The public check of a code at `now`; undefined for a malformed or unknown code. */
export async function verifyCertificate(d: Engine, input: string, now = new Date()): Promise<Verification | undefined> {
  const cert = await findCertificate(d, input);
  if (!cert) return undefined;
  const status = verificationStatus(cert, now);
  const latest = status === "valid" ? undefined : await getCurrentCertificateCode(d, cert.userId, cert.courseSlug, now);
  return { cert, status, current: latest && latest.code !== cert.code ? latest : null };
}

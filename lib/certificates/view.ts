import { decimalHours, formatHoursMinutes, formatPercentIt, formatRomeDate, formatRomeLongDateIt } from "@/lib/reports/format";
import type { FundingReferences } from "@/lib/reports/funding";

/**
 * What a certificate (attestato di partecipazione) says, from the stored records (pure).
 * Hours, percentage and score come from the completion record — frozen when the course was
 * completed — so the same certificate always prints the same facts. Dates are Rome's.
 */

export type CertificateData = {
  code: string;
  issuedAt: Date;
  /** When it stops being valid (recertification), or null. */
  expiresAt?: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  learner: { firstName: string; lastName: string; fiscalCode: string | null };
  company: { name: string; taxCode: string | null; city: string | null; signerName: string | null; signerRole: string | null } | null;
  course: { slug: string; title: string; objectives: readonly string[] };
  completion: { completedAt: Date; activeSeconds: number; plannedMinutes: number; attendancePercent: number; finalScorePercent: number | null };
  /** First lesson opened, or null when unknown. */
  startedAt: Date | null;
  funding: FundingReferences;
  verifyUrl: string;
  /** The issuing company's logo (PNG or JPEG), printed at the top. */
  logo?: { bytes: Uint8Array; type: "image/png" | "image/jpeg" } | null;
};

export type CertificateView = {
  organisation: string;
  organisationTaxCode: string | null;
  learnerName: string;
  fiscalCode: string | null;
  courseTitle: string;
  objectives: string[];
  deliveryMode: string;
  startDate: string | null;
  endDate: string;
  plannedHours: string;
  attendedHours: string;
  attendance: string;
  score: string | null;
  placeAndDate: string;
  signerRole: string;
  signerName: string | null;
  code: string;
  verifyUrl: string;
  fundingLines: string[];
  revoked: { date: string; reason: string } | null;
  /** "Valido fino al …" for a certificate that expires. */
  validUntil: string | null;
  logo: { bytes: Uint8Array; type: "image/png" | "image/jpeg" } | null;
};

export const DELIVERY_MODE = "FAD asincrona";

/** `0:30 (0,50 ore)`: minutes and decimal hours, both rounded down. */
export function hoursText(seconds: number): string {
  return `${formatHoursMinutes(seconds)} (${decimalHours(seconds).toFixed(2).replace(".", ",")} ore)`;
}

export function certificateView(data: CertificateData): CertificateView {
  const c = data.completion;
  // A plan "non finanziato" prints its title only: there is no fund to name.
  const funded = data.funding.fund !== null && data.funding.fund !== "Non finanziato";
  const fundingLines = [
    funded ? `Fondo: ${data.funding.fund}` : null,
    data.funding.plan ? `Piano formativo: ${data.funding.plan}` : null,
    data.funding.avviso ? `Avviso: ${data.funding.avviso}` : null,
    data.funding.protocol ? `Protocollo: ${data.funding.protocol}` : null,
    data.funding.cup ? `CUP: ${data.funding.cup}` : null,
  ].filter((l): l is string => l !== null);
  const date = formatRomeLongDateIt(data.issuedAt);
  return {
    organisation: data.company?.name ?? "",
    organisationTaxCode: data.company?.taxCode ?? null,
    learnerName: `${data.learner.firstName} ${data.learner.lastName}`.trim(),
    fiscalCode: data.learner.fiscalCode,
    courseTitle: data.course.title,
    objectives: [...data.course.objectives],
    deliveryMode: DELIVERY_MODE,
    startDate: data.startedAt ? formatRomeDate(data.startedAt) : null,
    endDate: formatRomeDate(c.completedAt),
    plannedHours: hoursText(c.plannedMinutes * 60),
    attendedHours: hoursText(c.activeSeconds),
    attendance: formatPercentIt(c.attendancePercent),
    score: c.finalScorePercent === null ? null : formatPercentIt(c.finalScorePercent),
    placeAndDate: data.company?.city ? `${data.company.city}, ${date}` : date,
    signerRole: data.company?.signerRole || "Il responsabile della formazione",
    signerName: data.company?.signerName || null,
    code: data.code,
    verifyUrl: data.verifyUrl,
    fundingLines,
    revoked: data.revokedAt ? { date: formatRomeDate(data.revokedAt), reason: data.revokedReason ?? "" } : null,
    validUntil: data.expiresAt ? formatRomeDate(data.expiresAt) : null,
    logo: data.logo ?? null,
  };
}

/** What the public check says of a certificate: a revocation wins over an expiry. */
export type VerificationStatus = "valid" | "expired" | "revoked";

/** The certificate's state at `now` (Unix seconds in, as stored): expired from its expiry instant on. */
export function verificationStatus(c: { revokedAt: number | null; expiresAt: number | null }, now: Date): VerificationStatus {
  if (c.revokedAt !== null) return "revoked";
  if (c.expiresAt !== null && c.expiresAt * 1000 <= now.getTime()) return "expired";
  return "valid";
}

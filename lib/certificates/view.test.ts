import { describe, expect, it } from "vitest";
import { certificateView, hoursText, verificationStatus, type CertificateData } from "./view";

const data = (over: Partial<CertificateData> = {}): CertificateData => ({
  code: "7KQ2-M9XD-4TZB-W1HC",
  issuedAt: new Date("2026-07-31T22:30:00Z"), // 1 August in Rome
  revokedAt: null,
  revokedReason: null,
  learner: { firstName: "Giulia", lastName: "Romano", fiscalCode: "RMNGLI85M41H501Z" },
  company: { name: "Officine Demo S.r.l.", taxCode: "01234567897", city: "Milano", signerName: "Alessandra Conti", signerRole: "Il legale rappresentante" },
  course: { slug: "c", title: "Lavoro e social media", objectives: ["Capire", "Riconoscere"] },
  completion: { completedAt: new Date("2026-07-31T22:30:00Z"), activeSeconds: 1322, plannedMinutes: 30, attendancePercent: 73.4, finalScorePercent: 87.5 },
  startedAt: new Date("2026-07-28T06:00:00Z"),
  funding: { fund: null, plan: null, avviso: null, protocol: null, cup: null },
  verifyUrl: "https://x.example/verify/7KQ2-M9XD-4TZB-W1HC",
  ...over,
});

describe("certificate view", () => {
  it("maps the completion record: hours as h:mm and decimal (rounded down), %, score, Rome dates", () => {
    const v = certificateView(data());
    expect(v).toMatchObject({
      organisation: "Officine Demo S.r.l.",
      learnerName: "Giulia Romano",
      fiscalCode: "RMNGLI85M41H501Z",
      deliveryMode: "FAD asincrona",
      startDate: "28/07/2026",
      endDate: "01/08/2026",
      plannedHours: "0:30 (0,50 ore)",
      attendedHours: "0:22 (0,36 ore)",
      attendance: "73,4 %",
      score: "87,5 %",
      placeAndDate: "Milano, 1 agosto 2026",
      signerRole: "Il legale rappresentante",
      signerName: "Alessandra Conti",
      fundingLines: [],
      revoked: null,
    });
    expect(hoursText(3 * 3600 + 59)).toBe("3:00 (3,01 ore)");
  });

  it("falls back sensibly without company data, test or start date; prints funding references and revocation", () => {
    const v = certificateView(
      data({
        company: null,
        startedAt: null,
        completion: { ...data().completion, finalScorePercent: null },
        funding: { fund: "Fondimpresa", plan: "Piano 2026", avviso: "Avviso 2/2024", protocol: null, cup: "J12E24000010007" },
        revokedAt: new Date("2026-09-01T10:00:00Z"),
        revokedReason: "Errore",
      }),
    );
    expect(v).toMatchObject({
      organisation: "",
      placeAndDate: "1 agosto 2026",
      signerRole: "Il responsabile della formazione",
      signerName: null,
      startDate: null,
      score: null,
      fundingLines: ["Fondo: Fondimpresa", "Piano formativo: Piano 2026", "Avviso: Avviso 2/2024", "CUP: J12E24000010007"],
      revoked: { date: "01/09/2026", reason: "Errore" },
    });
  });
});

describe("certificate view of a plan and a recertification", () => {
  it("names no fund for a plan that is not funded, and prints the expiry date", () => {
    const v = certificateView(data({ funding: { fund: "Non finanziato", plan: "Formazione interna", avviso: null, protocol: null, cup: null }, expiresAt: new Date("2027-07-31T22:30:00Z") }));
    expect(v.fundingLines).toEqual(["Piano formativo: Formazione interna"]);
    expect(v.validUntil).toBe("01/08/2027");
    expect(certificateView(data()).validUntil).toBeNull();
  });
});

describe("verification status", () => {
  const now = new Date("2027-08-01T10:00:00Z");
  const s = (iso: string) => Math.floor(Date.parse(iso) / 1000);
  it("is valid without an expiry, or before it; expired from the expiry instant on", () => {
    expect(verificationStatus({ revokedAt: null, expiresAt: null }, now)).toBe("valid");
    expect(verificationStatus({ revokedAt: null, expiresAt: s("2027-08-01T10:00:01Z") }, now)).toBe("valid");
    expect(verificationStatus({ revokedAt: null, expiresAt: s("2027-08-01T10:00:00Z") }, now)).toBe("expired");
    expect(verificationStatus({ revokedAt: null, expiresAt: s("2026-08-01T10:00:00Z") }, now)).toBe("expired");
  });
  it("says revoked for a revoked certificate, expired or not", () => {
    expect(verificationStatus({ revokedAt: s("2027-01-01T00:00:00Z"), expiresAt: null }, now)).toBe("revoked");
    expect(verificationStatus({ revokedAt: s("2027-01-01T00:00:00Z"), expiresAt: s("2027-02-01T00:00:00Z") }, now)).toBe("revoked");
  });
});

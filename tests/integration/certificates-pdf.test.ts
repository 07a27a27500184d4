import jsQR from "jsqr";
import { PDFParse } from "pdf-parse";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCertificateDetails, revokeCertificateRow } from "@/db/queries/certificates";
import { verifyAuditChain } from "@/lib/audit/trail";
import { normaliseCertificateCode } from "@/lib/certificates/code";
import { certificateData, certificatePdf, findCertificate } from "@/lib/certificates/load";
import { revokeCertificate } from "@/lib/certificates/revoke";
import { clearCatalogCache } from "@/lib/content/catalog";
import { FIXTURE_COURSE, FIXTURE_ROOT, seedRegister, type SeededLearner } from "@/tests/support/reports-seed";
import { openTestDb, type TestDb } from "./support/test-db";
import type { DataScope } from "@/db/queries/scope";

const BASE = "https://formazione.example.it";
const t0 = Date.parse("2026-03-02T08:00:00Z");

/** Text of every page, and the QR code of page 1 decoded from a rendering (pure JS: pdf.js → PNG → jsQR). */
async function readPdf(pdf: Uint8Array): Promise<{ text: string; qr: string | null }> {
  const parser = new PDFParse({ data: Buffer.from(pdf) });
  try {
    const { text } = await parser.getText();
    const shot = await parser.getScreenshot({ partial: [1], scale: 2, imageBuffer: true });
    const png = PNG.sync.read(Buffer.from(shot.pages[0]!.data));
    return { text, qr: jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null };
  } finally {
    await parser.destroy();
  }
}

describe("certificate PDF, verification data and revocation", () => {
  let t: TestDb;
  let learners: SeededLearner[];
  let scope: DataScope;
  const codeOf = async (key: string) => (await t.get<{ code: string }>("SELECT code FROM certificates WHERE user_id = ?", [learners.find((l) => l.key === key)!.id]))!.code;

  beforeAll(async () => {
    clearCatalogCache();
    t = await openTestDb();
    const seeded = await seedRegister(t, t0);
    learners = seeded.learners;
    scope = { companyId: seeded.companyId, departments: null };
  }, 60_000);
  afterAll(() => t.close());

  it("is issued once per completion, and only for completions", async () => {
    const certificates = await t.all<{ user_id: number; cc_user: number }>(
      "SELECT c.user_id, c.completion_id, cc.user_id AS cc_user FROM certificates c JOIN course_completions cc ON cc.id = c.completion_id",
    );
    expect(certificates).toHaveLength(8);
    expect(certificates.every((c) => c.user_id === c.cc_user)).toBe(true);
  });

  it("prints the learner, the course, the hours with %, the score, the dates, place and signer, and a QR to the verify page", async () => {
    const code = await codeOf("formato-1");
    const row = (await findCertificate(t, code))!;
    const data = certificateData(row, { contentRoot: FIXTURE_ROOT, baseUrl: BASE });
    expect(data.verifyUrl).toBe(`${BASE}/verify/${code}`);
    const { text, qr } = await readPdf(await certificatePdf(t, row, { contentRoot: FIXTURE_ROOT, baseUrl: BASE }));
    const flat = text.replace(/\s+/g, " ");
    for (const expected of [
      "Officine Test S.r.l.",
      "ATTESTATO DI PARTECIPAZIONE",
      "Anna Neri",
      "Codice fiscale: NRENNA80A41H501U",
      "Corso valido",
      "Verificare il caricamento",
      "Modalità di erogazione: FAD asincrona",
      "Periodo di svolgimento: dal 02/03/2026 al 02/03/2026",
      "Ore previste: 0:15 (0,25 ore)",
      "Ore frequentate: 0:11 (0,18 ore), pari al 73,3 % delle ore previste",
      "superato con punteggio 100 %",
      "Milano, 2 marzo 2026",
      "Il legale rappresentante",
      "Alessandra Conti",
      `Attestato n. ${code}`,
      `${BASE}/verify/${code}`,
    ]) {
      expect(flat, expected).toContain(expected);
    }
    expect(flat).not.toContain("REVOCATO");
    expect(qr).toBe(`${BASE}/verify/${code}`);
  });

  it("renders the same bytes twice (nothing depends on the clock)", async () => {
    const row = (await findCertificate(t, await codeOf("formato-2")))!;
    const a = await certificatePdf(t, row, { contentRoot: FIXTURE_ROOT, baseUrl: BASE });
    const b = await certificatePdf(t, row, { contentRoot: FIXTURE_ROOT, baseUrl: BASE });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it("prints names the standard font cannot encode without failing", async () => {
    const code = await codeOf("formato-3"); // Zoë Àlvarez; "Zeta"
    const row = (await findCertificate(t, code))!;
    await t.run("UPDATE users SET first_name = 'Łucja ✓' WHERE id = ?", [row.userId]);
    const { text } = await readPdf(await certificatePdf(t, (await findCertificate(t, code))!, { contentRoot: FIXTURE_ROOT, baseUrl: BASE }));
    expect(text).toContain('Lucja ? Àlvarez; "Zeta"');
  });

  it("finds codes as typed (lower case, spaces, O for 0) and refuses malformed ones", async () => {
    const code = await codeOf("formato-4");
    expect((await findCertificate(t, code.toLowerCase().replace(/-/g, " ")))?.code).toBe(code);
    expect(await findCertificate(t, "AAAA-BBBB-CCCC-DDDD")).toBeUndefined();
    expect(await findCertificate(t, "../../etc/passwd")).toBeUndefined();
    expect(await findCertificate(t, "")).toBeUndefined();
    expect(normaliseCertificateCode(code)).toBe(code);
  });

  it("revokes once, with the reason and an audit event in the same transaction; the PDF is stamped REVOCATO", async () => {
    const code = await codeOf("formato-5");
    const admin = learners[0]!.id;
    const at = new Date("2026-03-05T10:00:00Z");
    // Another company's admin: not found, and nothing changes.
    expect(await revokeCertificate(t, { companyId: scope.companyId + 1, departments: null }, { code, reason: "Non è mio", actorUserId: admin })).toEqual({ ok: false, code: "not_found" });
    const result = await revokeCertificate(t, scope, { code: code.toLowerCase(), reason: "Dati anagrafici errati", actorUserId: admin, sessionId: "s-admin", now: at });
    expect(result.ok).toBe(true);
    const row = (await getCertificateDetails(t, code))!;
    expect(row).toMatchObject({ revokedAt: at.getTime() / 1000, revokedReason: "Dati anagrafici errati", revokedBy: admin });
    expect(await revokeCertificate(t, scope, { code, reason: "ancora", actorUserId: admin })).toEqual({ ok: false, code: "already_revoked" });
    expect(await revokeCertificate(t, scope, { code: "ZZZZ-ZZZZ-ZZZZ-ZZZZ", reason: "nessuno", actorUserId: admin })).toEqual({ ok: false, code: "not_found" });
    // The database allows a single revocation, whatever the code path.
    expect(await revokeCertificateRow(t, code, { reason: "x", by: admin, at })).toBeUndefined();
    await expect(t.run("UPDATE certificates SET revoked_reason = 'changed' WHERE code = ?", [code])).rejects.toThrow(/only be revoked, once/);
    const events = await t.all<{ subject: string; data: string }>("SELECT actor_user_id, session_id, subject, data FROM audit_events WHERE type = 'certificate.revoke'");
    expect(events).toEqual([
      expect.objectContaining({ actor_user_id: admin, session_id: "s-admin", subject: `certificate:${code}` }),
    ]);
    expect(JSON.parse(events[0]!.data)).toMatchObject({ reason: "Dati anagrafici errati", courseSlug: FIXTURE_COURSE });
    expect((await verifyAuditChain(t)).ok).toBe(true);

    const { text, qr } = await readPdf(await certificatePdf(t, row, { contentRoot: FIXTURE_ROOT, baseUrl: BASE }));
    expect(text).toContain("ATTESTATO REVOCATO il 05/03/2026");
    expect(text).toContain("Motivo: Dati anagrafici errati");
    expect(text).toContain("REVOCATO");
    expect(qr).toBe(`${BASE}/verify/${code}`);
  });
});

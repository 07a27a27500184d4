import { degrees, PageSizes, PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from "pdf-lib";
import { qrPath } from "./qr";
import type { CertificateView } from "./view";
import { winAnsiSafe } from "./winansi";

/**
 * Renders a certificate as a one-page A4 PDF with pdf-lib's standard Helvetica (no font
 * file to embed; WinAnsi covers Italian) and the verification QR code drawn as vector paths.
 * Nothing depends on the clock (no creation date), so downloading the same certificate twice
 * gives the same bytes — until it is revoked: then it is stamped REVOCATO.
 */

const INK = rgb(0.1, 0.12, 0.17);
const MUTED = rgb(0.29, 0.32, 0.39);
const BRAND = rgb(0.04, 0.36, 0.67);
const RED = rgb(0.64, 0.09, 0.1);

const MARGIN = 56;

type Fonts = { regular: PDFFont; bold: PDFFont };

/** Splits `text` into lines no wider than `width` (long words are kept whole). */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

class Writer {
  y: number;
  constructor(
    private page: PDFPage,
    private fonts: Fonts,
    top: number,
  ) {
    this.y = top;
  }
  get width() {
    return this.page.getWidth() - 2 * MARGIN;
  }
  /** Centred (or left-aligned) wrapped text; moves the cursor down. */
  text(raw: string, o: { size: number; bold?: boolean; color?: ReturnType<typeof rgb>; align?: "center" | "left"; gap?: number; indent?: number }) {
    const font = o.bold ? this.fonts.bold : this.fonts.regular;
    const indent = o.indent ?? 0;
    for (const line of wrapText(winAnsiSafe(raw), font, o.size, this.width - indent)) {
      const w = font.widthOfTextAtSize(line, o.size);
      const x = o.align === "left" ? MARGIN + indent : (this.page.getWidth() - w) / 2;
      this.y -= o.size * 1.25;
      this.page.drawText(line, { x, y: this.y, size: o.size, font, color: o.color ?? INK });
    }
    this.y -= o.gap ?? 0;
  }
  /** `Label: value` on one line (value wrapped under itself). */
  field(label: string, value: string, size = 11) {
    const labelText = winAnsiSafe(`${label}: `);
    const lw = this.fonts.bold.widthOfTextAtSize(labelText, size);
    const lines = wrapText(winAnsiSafe(value), this.fonts.regular, size, this.width - lw);
    lines.forEach((line, i) => {
      this.y -= size * 1.35;
      if (i === 0) this.page.drawText(labelText, { x: MARGIN, y: this.y, size, font: this.fonts.bold, color: INK });
      this.page.drawText(line, { x: MARGIN + lw, y: this.y, size, font: this.fonts.regular, color: INK });
    });
  }
}

export async function renderCertificatePdf(v: CertificateView): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage(PageSizes.A4);
  const fonts: Fonts = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };
  const { width, height } = page.getSize();

  page.drawRectangle({ x: 24, y: 24, width: width - 48, height: height - 48, borderColor: BRAND, borderWidth: 1.5 });

  const w = new Writer(page, fonts, height - MARGIN + 6);
  if (v.logo) {
    // The issuing company's logo, top centre, at most 150 × 48 points.
    const image = v.logo.type === "image/png" ? await doc.embedPng(v.logo.bytes) : await doc.embedJpg(v.logo.bytes);
    const scale = Math.min(150 / image.width, 48 / image.height, 1);
    const iw = image.width * scale;
    const ih = image.height * scale;
    page.drawImage(image, { x: (width - iw) / 2, y: w.y - ih, width: iw, height: ih });
    w.y -= ih + 8;
  }
  if (v.revoked) {
    w.text(`ATTESTATO REVOCATO il ${v.revoked.date}`, { size: 13, bold: true, color: RED });
    if (v.revoked.reason) w.text(`Motivo: ${v.revoked.reason}`, { size: 10, color: RED });
    w.y -= 6;
  }
  if (v.organisation) w.text(v.organisation, { size: 14, bold: true, color: BRAND });
  if (v.organisationTaxCode) w.text(`C.F./P.IVA ${v.organisationTaxCode}`, { size: 9, color: MUTED });
  w.y -= 22;
  w.text("ATTESTATO DI PARTECIPAZIONE", { size: 24, bold: true, gap: 18 });
  w.text("Si attesta che", { size: 12, gap: 4 });
  w.text(v.learnerName, { size: 20, bold: true });
  if (v.fiscalCode) w.text(`Codice fiscale: ${v.fiscalCode}`, { size: 11, color: MUTED });
  w.y -= 10;
  w.text("ha frequentato con esito positivo il corso", { size: 12, gap: 2 });
  w.text(v.courseTitle, { size: 16, bold: true, gap: 16 });

  if (v.objectives.length) {
    w.text("Obiettivi del corso", { size: 11, bold: true, align: "left", gap: 2 });
    for (const o of v.objectives) w.text(`•  ${o}`, { size: 10, align: "left", indent: 8 });
    w.y -= 10;
  }
  w.field("Modalità di erogazione", v.deliveryMode);
  w.field("Periodo di svolgimento", v.startDate ? `dal ${v.startDate} al ${v.endDate}` : `fino al ${v.endDate}`);
  w.field("Ore previste", v.plannedHours);
  w.field("Ore frequentate", `${v.attendedHours}, pari al ${v.attendance} delle ore previste`);
  w.field("Test finale", v.score ? `superato con punteggio ${v.score}` : "non previsto");
  if (v.validUntil) w.field("Valido fino al", v.validUntil);
  for (const line of v.fundingLines) {
    const [label, ...rest] = line.split(": ");
    w.field(label!, rest.join(": "));
  }

  // Place and date, signature block (right), QR and verification data (left), bottom-up.
  const bottom = 60;
  const qrSide = 92;
  const qr = qrPath(v.verifyUrl);
  const scale = qrSide / qr.size;
  page.drawSvgPath(qr.path, { x: MARGIN, y: bottom + 58 + qrSide, scale, color: INK, borderWidth: 0 });
  const small = (text: string, y: number, bold = false) =>
    page.drawText(winAnsiSafe(text), { x: MARGIN, y, size: 8, font: bold ? fonts.bold : fonts.regular, color: MUTED });
  small(`Attestato n. ${v.code}`, bottom + 40, true);
  small("Verifica l'autenticità su:", bottom + 28);
  small(v.verifyUrl, bottom + 16);

  const rightX = width / 2 + 20;
  const sign = (text: string, y: number, size: number, bold = false) =>
    page.drawText(winAnsiSafe(text), { x: rightX, y, size, font: bold ? fonts.bold : fonts.regular, color: INK });
  sign(v.placeAndDate, bottom + 150, 11);
  sign(v.signerRole, bottom + 110, 11, true);
  if (v.signerName) sign(v.signerName, bottom + 95, 11);
  page.drawLine({ start: { x: rightX, y: bottom + 58 }, end: { x: width - MARGIN, y: bottom + 58 }, thickness: 0.7, color: MUTED });
  sign("(firma)", bottom + 46, 8);

  if (v.revoked) {
    const stamp = "REVOCATO";
    const size = 96;
    const tw = fonts.bold.widthOfTextAtSize(stamp, size);
    const angle = 35;
    const rad = (angle * Math.PI) / 180;
    page.drawText(stamp, {
      x: width / 2 - (tw / 2) * Math.cos(rad) + (size / 3) * Math.sin(rad),
      y: height / 2 - (tw / 2) * Math.sin(rad) - (size / 3) * Math.cos(rad),
      size,
      font: fonts.bold,
      color: RED,
      opacity: 0.3,
      rotate: degrees(angle),
    });
  }

  doc.setTitle(winAnsiSafe(`Attestato di partecipazione ${v.code}${v.revoked ? " (revocato)" : ""}`));
  doc.setAuthor(winAnsiSafe(v.organisation || "Binomio"));
  doc.setSubject(winAnsiSafe(`${v.courseTitle} - ${v.learnerName}`));
  doc.setKeywords([v.code, v.verifyUrl]);
  doc.setCreator("Binomio");
  doc.setProducer("Binomio (pdf-lib)");
  return doc.save({ useObjectStreams: true });
}

import { fillDeclaration, type DeclarationTemplate, type MissingField } from "./declaration";
import { dataHash, hms, percent, planSubject, STATUS_IT } from "./format";
import { PdfWriter } from "./pdf/writer";
import type { PlanDossierInput } from "./types";

/**
 * The dichiarazione sostitutiva as a PDF, pre-filled for the legal representative: the
 * template's texts with the plan's and company's values, then the list of participants with
 * their hours and outcome, the attachment note, place and date, and the signature box.
 */

export class DeclarationIncompleteError extends Error {
  constructor(readonly missing: MissingField[]) {
    super(`the declaration cannot be printed: no value for ${missing.map((m) => `${m.token} (${m.label})`).join(", ")}`);
  }
}

/** What the declaration prints, for its data hash. */
export function declarationData(input: PlanDossierInput) {
  return {
    plan: input.plan,
    company: input.company,
    courses: input.courses.map((c) => ({
      course: { slug: c.course.slug, title: c.course.title, version: c.course.version, plannedMinutes: c.course.plannedMinutes },
      participants: c.participants.map((p) => ({ userId: p.userId, lastName: p.lastName, firstName: p.firstName, fiscalCode: p.fiscalCode, activeSeconds: p.activeSeconds, attendancePercent: p.attendancePercent, status: p.status })),
    })),
  };
}

/** @throws DeclarationIncompleteError when a placeholder has no value (nothing is printed). */
export async function renderDeclarationPdf(template: DeclarationTemplate, input: PlanDossierInput): Promise<Uint8Array> {
  const filled = fillDeclaration(template, input);
  if (!filled.ok) throw new DeclarationIncompleteError(filled.missing);
  const d = filled.doc;
  const w = await PdfWriter.create({
    title: "Dichiarazione sostitutiva",
    subject: planSubject(input.plan),
    generatedAt: input.generatedAt,
    dataHash: dataHash({ template: d, data: declarationData(input) }),
    author: input.company.name,
  });

  if (d.addressee) w.text(d.addressee, { size: 10, gap: 10 });
  w.text(d.title.toUpperCase(), { size: 13, bold: true, align: "center" });
  if (d.subtitle) w.text(d.subtitle, { size: 9.5, align: "center" });
  w.space(14);
  w.text(d.intro, { size: 10, gap: 6 });
  w.text(d.warning, { size: 10, gap: 10 });
  w.text(d.declare, { size: 11.5, bold: true, align: "center", gap: 10 });
  for (const s of d.statements) w.text(`–  ${s}`, { size: 10, gap: 5, indent: 0 });

  w.heading(d.participantsHeading, { size: 10.5, keep: 40 });
  for (const section of input.courses) {
    if (input.courses.length > 1) w.text(`Corso: ${section.course.title}`, { size: 9, bold: true, gap: 2 });
    w.table(
      [
        { header: "N.", width: 4, align: "right" },
        { header: "Cognome", width: 18 },
        { header: "Nome", width: 16 },
        { header: "Codice fiscale", width: 20 },
        { header: "Ore frequentate", width: 13, align: "right" },
        { header: "Frequenza", width: 11, align: "right" },
        { header: "Esito", width: 12 },
      ],
      [
        ...section.participants.map((p, i) => [String(i + 1), p.lastName, p.firstName, p.fiscalCode, hms(p.activeSeconds), percent(p.attendancePercent), STATUS_IT[p.status]]),
        ...(section.participants.length ? [["", "Totale", "", "", hms(section.participants.reduce((s, p) => s + p.activeSeconds, 0)), "", ""]] : []),
      ],
      { size: 8, emptyText: "Nessun partecipante." },
    );
  }
  w.space(10);
  if (d.closing) w.text(d.closing, { size: 9.5, gap: 8 });
  w.signatures([{ role: d.signature, name: input.company.legalRepresentative }], { place: d.place });
  return w.finish();
}

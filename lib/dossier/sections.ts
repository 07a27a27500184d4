import { hoursText, isoDay, percent, period, seat } from "./format";
import type { PdfWriter } from "./pdf/writer";
import type { DossierCompany, DossierCourse, DossierPlan, PlanDossierInput } from "./types";

/** Blocks printed the same way at the top of every dossier document. */

export function planFields(w: PdfWriter, plan: DossierPlan): void {
  w.heading("Piano formativo", { keep: 60 });
  w.fields([
    ["Fondo", plan.fund],
    ["Avviso", plan.avviso],
    ["Titolo del piano", plan.title],
    ["Protocollo", plan.protocol],
    ["Progetto / azione", plan.projectTitle],
    ["CUP", plan.cup],
    ["Periodo", period(plan)],
    ["Verifica di presenza", plan.presenceCheck ? "attiva (domande a momenti imprevedibili durante le lezioni)" : "non prevista"],
  ]);
}

export function companyFields(w: PdfWriter, company: DossierCompany): void {
  w.heading("Azienda beneficiaria", { keep: 40 });
  w.fields([
    ["Ragione sociale", company.name],
    ["Codice fiscale / P.IVA", company.taxCode],
    ["Matricola INPS", company.inpsNumber],
    ["Sede", seat(company)],
    ["Legale rappresentante", company.legalRepresentative],
  ]);
}

export function courseFields(w: PdfWriter, course: DossierCourse): void {
  w.fields([
    ["Corso", course.title],
    ["Versione", course.version],
    ["Ore previste", hoursText(course.plannedMinutes * 60)],
    ["Modalità", course.deliveryMode],
    ["Soglia di frequenza", `${percent(course.completionRule.attendanceThreshold)} delle ore previste`],
    ["Test finale", course.finalTest ? (course.completionRule.finalTestRequired ? `obbligatorio, soglia ${percent(course.completionRule.passMark)}` : "facoltativo") : "non previsto"],
  ]);
}

/** The lessons' numbers and titles: the sessions tables name lessons by number. */
export function lessonLegend(w: PdfWriter, course: DossierCourse): void {
  w.table(
    [
      { header: "N.", width: 5, align: "right" },
      { header: "Lezione", width: 75 },
      { header: "Durata prevista", width: 14, align: "right" },
    ],
    course.lessons.map((l) => [String(l.number), l.title, `${l.minutes} min`]),
  );
}

/** Planned hours of the whole plan (its courses together). */
export function planPlannedMinutes(input: PlanDossierInput): number {
  return input.courses.reduce((s, c) => s + c.course.plannedMinutes, 0);
}

export function dayOrDash(day: string | null): string {
  return isoDay(day);
}

/** The audit trail's head at the time the data was read: an anchor outside the document. */
export function auditAnchor(input: PlanDossierInput): string {
  return input.auditHead
    ? `Registro degli eventi (audit trail a catena di hash) al momento della lettura dei dati: evento n. ${input.auditHead.id}, hash ${input.auditHead.hash}.`
    : "Registro degli eventi vuoto al momento della lettura dei dati.";
}

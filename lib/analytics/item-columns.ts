/**
 * The item-analysis export: one row per option of every question (the question's figures
 * repeated on each of its rows), so a spreadsheet can filter and pivot either way. Pure module.
 */
import type { ExportColumn } from "@/lib/reports/columns";
import type { QuestionReport, QuizReport } from "./item-report";

export interface ItemExportRow {
  quiz: QuizReport;
  question: QuestionReport;
  option: QuestionReport["options"][number];
  stats: QuestionReport["stats"]["options"][number];
}

export function itemExportRows(report: readonly QuizReport[]): ItemExportRow[] {
  return report.flatMap((quiz) => quiz.questions.flatMap((question) => question.options.map((option, i) => ({ quiz, question, option, stats: question.stats.options[i]! }))));
}

const percent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

export const ITEM_COLUMNS: readonly ExportColumn<ItemExportRow>[] = [
  { header: "quiz", kind: "text", width: 22, value: (r) => r.quiz.id },
  { header: "quiz_tipo", kind: "text", width: 12, value: (r) => r.quiz.kind },
  { header: "tentativi_quiz", kind: "integer", width: 10, value: (r) => r.quiz.attempts },
  { header: "tempo_mediano_tentativo", kind: "duration-seconds", width: 12, value: (r) => (r.quiz.medianAttemptSeconds === null ? null : Math.round(r.quiz.medianAttemptSeconds)) },
  { header: "domanda", kind: "text", width: 30, value: (r) => r.question.id },
  { header: "rischio", kind: "text", width: 18, value: (r) => r.question.risk },
  { header: "testo_domanda", kind: "text", width: 50, value: (r) => r.question.prompt },
  { header: "risposte", kind: "integer", width: 10, value: (r) => r.question.stats.responses },
  { header: "facilita_pct", kind: "percent", width: 10, value: (r) => percent(r.question.stats.facility) },
  { header: "punto_biseriale", kind: "decimal", width: 10, value: (r) => r.question.stats.pointBiserial },
  { header: "indice_sup_inf", kind: "decimal", width: 10, value: (r) => r.question.stats.upperLower },
  { header: "segnalazioni", kind: "text", width: 24, value: (r) => (r.question.stats.flaggable ? r.question.stats.flags.join(" ") : "meno di 20 risposte") },
  { header: "opzione", kind: "text", width: 8, value: (r) => r.option.id },
  { header: "testo_opzione", kind: "text", width: 50, value: (r) => r.option.text },
  { header: "giusta", kind: "text", width: 6, value: (r) => (r.option.correct ? "si" : "no") },
  { header: "scelta_pct", kind: "percent", width: 10, value: (r) => percent(r.stats.rate) },
  { header: "scelta_27_sup_pct", kind: "percent", width: 10, value: (r) => percent(r.stats.upperRate) },
  { header: "scelta_27_inf_pct", kind: "percent", width: 10, value: (r) => percent(r.stats.lowerRate) },
  { header: "segnalazioni_opzione", kind: "text", width: 24, value: (r) => r.stats.flags.join(" ") },
];

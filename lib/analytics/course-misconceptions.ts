/**
 * The misconceptions report of one course from its stored attempts, with option texts in the
 * reader's language; and its export rows. Shared by the admin page and the CSV/XLSX export.
 * Pure module.
 */
import type { GradedAttemptRow } from "@/db/queries/analytics";
import type { ContentLocale } from "@/lib/content/names";
import { localized } from "@/lib/content/schemas";
import { TRUE_FALSE_TEXT } from "@/lib/quiz/public-view";
import type { Course } from "@/lib/content/scan";
import type { ExportColumn } from "@/lib/reports/columns";
import { gradesOf } from "./attempts";
import { misconceptions, type MisconceptionCell, type MisconceptionReport, type QuestionInfo } from "./misconceptions";

export function courseMisconceptions(course: Pick<Course, "quizzes">, rows: readonly GradedAttemptRow[], locale: ContentLocale): MisconceptionReport {
  const questions = new Map<string, QuestionInfo>();
  for (const quiz of course.quizzes) {
    for (const q of quiz.questions) {
      const prompt = localized(q.prompt, locale);
      questions.set(q.id, {
        risk: q.risk,
        options: q.options.map((o) => ({
          id: o.id,
          correct: o.correct,
          // A true/false option means nothing without its statement.
          text: o.text ? localized(o.text, locale) : `${TRUE_FALSE_TEXT[o.id] ? localized(TRUE_FALSE_TEXT[o.id]!, locale) : o.id}: ${prompt}`,
        })),
      });
    }
  }
  const attempts = rows.flatMap((r) => {
    const grades = gradesOf(r);
    return grades ? [{ userId: r.userId, group: r.groupName, grades }] : [];
  });
  return misconceptions(attempts, questions);
}

/** "gruppo troppo piccolo" in the files, whatever the page's language: the files are Italian. */
export const TOO_SMALL = "gruppo troppo piccolo";
export const NO_GROUP = "(senza reparto)";

const wrongOption = (i: number) => (c: MisconceptionCell) => (c.tooSmall ? null : (c.topWrong[i]?.text ?? null));
const wrongCount = (i: number) => (c: MisconceptionCell) => (c.tooSmall ? null : (c.topWrong[i]?.count ?? null));

export const MISCONCEPTION_COLUMNS: readonly ExportColumn<MisconceptionCell>[] = [
  { header: "rischio", kind: "text", width: 20, value: (c) => c.risk },
  { header: "reparto", kind: "text", width: 22, value: (c) => c.group ?? NO_GROUP },
  { header: "persone", kind: "text", width: 10, value: (c) => (c.tooSmall ? TOO_SMALL : String(c.people)) },
  { header: "prime_risposte", kind: "integer", width: 10, value: (c) => (c.tooSmall ? null : c.answers) },
  { header: "errate_pct", kind: "percent", width: 10, value: (c) => (c.tooSmall ? null : Math.round(c.wrongShare * 1000) / 10) },
  ...[0, 1, 2].flatMap((i): ExportColumn<MisconceptionCell>[] => [
    { header: `errore_${i + 1}`, kind: "text", width: 50, value: wrongOption(i) },
    { header: `errore_${i + 1}_scelte`, kind: "integer", width: 10, value: wrongCount(i) },
  ]),
];

/** Rows of the export: every risk × group, then each risk for all groups together ("Tutti"). */
export function misconceptionRows(report: MisconceptionReport): MisconceptionCell[] {
  return [...report.cells, ...report.overall.map((c) => ({ ...c, group: "Tutti" }))];
}

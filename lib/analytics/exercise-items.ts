/**
 * Practice exercises seen as quizzes by the analytics: each hotspot or paragraph is a
 * question, with its risk. A hotspot's two "options" are marked / unmarked (the right one
 * depends on whether the detail is risky); a paragraph's options are its three wordings.
 * Ids are prefixed with the exercise's so they never clash with quiz question ids.
 * Pure module.
 */
import type { ExerciseAttemptRow, GradedAttemptRow } from "@/db/queries/analytics";
import type { ContentLocale } from "@/lib/content/names";
import { localized } from "@/lib/content/schemas";
import type { Exercise } from "@/lib/exercises/schema";
import type { RiskTag } from "@/lib/quiz/types";

export interface AnalysedQuestion {
  id: string;
  risk: RiskTag;
  type: string;
  prompt: string;
  options: { id: string; text: string; correct: boolean }[];
}

const MARKED: Record<ContentLocale, (label: string) => [string, string]> = {
  it: (label) => [`Segnato come rischio: ${label}`, `Non segnato come rischio: ${label}`],
  en: (label) => [`Marked as a risk: ${label}`, `Not marked as a risk: ${label}`],
};

export const exerciseQuizId = (id: string) => `exercise:${id}`;
const itemId = (exerciseId: string, item: string) => `${exerciseId}/${item}`;

export function exerciseQuestions(e: Exercise, locale: ContentLocale): AnalysedQuestion[] {
  if (e.kind === "spot-the-risk") {
    return e.hotspots.map((h) => {
      const [marked, unmarked] = MARKED[locale](localized(h.label, locale));
      return { id: itemId(e.id, h.id), risk: e.risk, type: "hotspot", prompt: localized(h.label, locale), options: [{ id: "marked", text: marked, correct: h.risky }, { id: "unmarked", text: unmarked, correct: !h.risky }] };
    });
  }
  return e.paragraphs.map((p) => ({
    id: itemId(e.id, p.id),
    risk: e.risk,
    type: "rewrite",
    prompt: localized(p.draft, locale),
    options: p.choices.map((c) => ({ id: c.id, text: localized(c.text, locale), correct: c.safe })),
  }));
}

/** Stored exercise submissions in the shape of graded quiz attempts (per-item grades as results). */
export function exerciseRowsAsAttempts(rows: readonly ExerciseAttemptRow[]): GradedAttemptRow[] {
  return rows.map((r) => {
    let items: { itemId: string; correct: boolean; selected: string[] }[] = [];
    try {
      items = JSON.parse(r.results) as typeof items;
    } catch {
      items = [];
    }
    return {
      // Negative ids keep exercise rows apart from quiz attempts in the ranking tie-break.
      id: -r.id,
      userId: r.userId,
      quizId: exerciseQuizId(r.exerciseId),
      kind: "lesson-check",
      startedAt: r.submittedAt,
      submittedAt: r.submittedAt,
      results: JSON.stringify(items.map((i) => ({ questionId: itemId(r.exerciseId, i.itemId), correct: i.correct, credit: i.correct ? 1 : 0, selected: i.selected }))),
      groupName: r.groupName,
    };
  });
}

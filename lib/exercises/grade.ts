/**
 * Grading a practice exercise on the server. Pure module.
 *
 * - spot-the-risk: the learner selects hotspots. Score = (risky found − harmless selected) /
 *   risky, at least 0: selecting everything does not score.
 * - rewrite: one choice per paragraph; score = safe choices / paragraphs.
 * Results are per item (hotspot or paragraph) so they can feed item analysis and the
 * misconceptions page like quiz answers. They never count toward the pass mark.
 */
import type { Exercise } from "./schema";

export interface ExerciseItemResult {
  /** Hotspot id or paragraph id. */
  itemId: string;
  correct: boolean;
  /** What the learner chose: for a hotspot, ["marked"] or ["unmarked"]; for a paragraph, the choice id (none: []). */
  selected: string[];
}

export interface ExerciseGrade {
  score: number;
  items: ExerciseItemResult[];
}

export type ExerciseAnswer = { selected: readonly string[] } | { choices: Readonly<Record<string, string>> };

export function gradeExercise(exercise: Exercise, answer: ExerciseAnswer): ExerciseGrade {
  if (exercise.kind === "spot-the-risk") {
    const picked = new Set("selected" in answer ? answer.selected : []);
    const items = exercise.hotspots.map((h) => ({ itemId: h.id, correct: picked.has(h.id) === h.risky, selected: [picked.has(h.id) ? "marked" : "unmarked"] }));
    const risky = exercise.hotspots.filter((h) => h.risky);
    const found = risky.filter((h) => picked.has(h.id)).length;
    const falseAlarms = exercise.hotspots.filter((h) => !h.risky && picked.has(h.id)).length;
    return { score: Math.max(0, (found - falseAlarms) / risky.length), items };
  }
  const choices = "choices" in answer ? answer.choices : {};
  const items = exercise.paragraphs.map((p) => {
    const chosen = choices[p.id];
    return { itemId: p.id, correct: p.choices.some((c) => c.id === chosen && c.safe), selected: chosen ? [chosen] : [] };
  });
  return { score: items.filter((i) => i.correct).length / items.length, items };
}

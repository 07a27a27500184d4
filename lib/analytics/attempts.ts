/**
 * Stored attempts as the analytics read them: the per-question grading JSON of each
 * submitted attempt, parsed on read (an unreadable row is skipped, never fatal). Pure module.
 */
import { z } from "zod";
import type { GradedAttemptRow } from "@/db/queries/analytics";
import type { GradedAttempt } from "./item-analysis";

const GradesSchema = z.array(
  z.object({
    questionId: z.string(),
    correct: z.boolean(),
    credit: z.number(),
    selected: z.array(z.string()),
  }),
);

/** The grading of one stored attempt, or null when its JSON is missing or malformed. */
export function gradesOf(row: Pick<GradedAttemptRow, "results">): z.infer<typeof GradesSchema> | null {
  if (!row.results) return null;
  try {
    const parsed = GradesSchema.safeParse(JSON.parse(row.results));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function gradedAttempts(rows: readonly GradedAttemptRow[]): GradedAttempt[] {
  return rows.flatMap((r) => {
    const grades = gradesOf(r);
    return grades ? [{ attemptId: r.id, quizId: r.quizId, grades }] : [];
  });
}

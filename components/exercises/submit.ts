import type { ExerciseReview } from "@/lib/exercises/public-view";

/** Posts an answer to the exercises API; the review (answers and explanations) comes only from here. */
export async function postExercise(body: Record<string, unknown>): Promise<ExerciseReview | null> {
  try {
    const res = await fetch("/api/exercises/attempts", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!res.ok) return null;
    return (await res.json()) as ExerciseReview;
  } catch {
    return null;
  }
}

"use client";
import type { ExerciseReview } from "@/lib/exercises/public-view";
import type { ExerciseLabels } from "./labels";

export type ExerciseStatus = "idle" | "sending" | "error" | "missing";

/** "Check" (or "Try again" once reviewed), the live status line and the practice note. */
export function ExerciseActions({ l, review, status, onCheck, onAgain }: { l: ExerciseLabels; review: ExerciseReview | null; status: ExerciseStatus; onCheck: () => void; onAgain: () => void }) {
  return (
    <>
      <div className="exercise__actions">
        {review ? (
          <button type="button" className="button--secondary" onClick={onAgain}>
            {l.again}
          </button>
        ) : (
          <button type="button" onClick={onCheck} disabled={status === "sending"}>
            {status === "sending" ? l.sending : l.check}
          </button>
        )}
        <p className="exercise__status" role="status" aria-live="polite">
          {status === "error" ? l.error : status === "missing" ? l.missing : review ? l.score(Math.round(review.score * 100)) : ""}
        </p>
      </div>
      <p className="exercise__note">{l.practiceNote}</p>
    </>
  );
}

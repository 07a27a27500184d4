"use client";
import { useId, useState } from "react";
import type { ContentLocale } from "@/lib/content/names";
import type { ExerciseReview, PublicRewrite } from "@/lib/exercises/public-view";
import { ExerciseActions, type ExerciseStatus } from "./actions";
import { EXERCISE_LABELS } from "./labels";
import { postExercise } from "./submit";

/**
 * Rewrite: a risky draft, paragraph by paragraph; the learner picks the safer wording among
 * three (radio groups: arrows move within a group, Tab between groups). Which wording is safe,
 * and the feedback on each choice, come from the server after "Check".
 */
export function RewriteExercise({ exercise, courseSlug, locale }: { exercise: PublicRewrite; courseSlug: string; locale: ContentLocale }) {
  const l = EXERCISE_LABELS[locale];
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [review, setReview] = useState<ExerciseReview | null>(null);
  const [status, setStatus] = useState<ExerciseStatus>("idle");
  const baseId = useId();
  const byItem = new Map(review?.items.map((i) => [i.itemId, i]));

  const check = async () => {
    if (exercise.paragraphs.some((p) => !choices[p.id])) {
      setStatus("missing");
      return;
    }
    setStatus("sending");
    const r = await postExercise({ courseSlug, exerciseId: exercise.id, choices });
    setStatus(r ? "idle" : "error");
    if (r) setReview(r);
  };
  const again = () => {
    setReview(null);
    setChoices({});
  };

  return (
    <section className="exercise" aria-labelledby={`${baseId}-title`}>
      <p className="exercise__kind">{l.rewrite}</p>
      <h3 id={`${baseId}-title`} className="exercise__title">
        {exercise.title}
      </h3>
      <p>{exercise.intro}</p>
      <p className="muted">
        {exercise.author} · {l.audience}: {exercise.audience}
      </p>
      {exercise.paragraphs.map((p, n) => {
        const item = byItem.get(p.id);
        return (
          <fieldset key={p.id} className="exercise__paragraph">
            <legend>{l.chooseFor(n + 1)}</legend>
            <p className="exercise__draft">
              <span className="exercise__draft-label">{l.draft}:</span> {p.draft}
            </p>
            <ul className="exercise__choices">
              {p.choices.map((c) => {
                const id = `${baseId}-${p.id}-${c.id}`;
                const isAnswer = item?.answer === c.id;
                const isChosen = choices[p.id] === c.id;
                return (
                  <li key={c.id} className={item ? (isAnswer ? "exercise__choice--ok" : isChosen ? "exercise__choice--ko" : undefined) : undefined}>
                    <input
                      type="radio"
                      id={id}
                      name={`${baseId}-${p.id}`}
                      value={c.id}
                      checked={isChosen}
                      disabled={review !== null}
                      onChange={() => setChoices((s) => ({ ...s, [p.id]: c.id }))}
                    />
                    <label htmlFor={id}>
                      {c.text}
                      {item && isAnswer ? <strong> — {l.safer}</strong> : null}
                      {item && isChosen && !isAnswer ? <strong> — {l.yourChoice}</strong> : null}
                    </label>
                  </li>
                );
              })}
            </ul>
            {item ? (
              <p className={item.correct ? "exercise__verdict exercise__verdict--ok" : "exercise__verdict exercise__verdict--ko"}>
                <strong>{item.correct ? l.right : l.wrong}.</strong> {item.explanation}
              </p>
            ) : null}
          </fieldset>
        );
      })}
      <ExerciseActions l={l} review={review} status={status} onCheck={check} onAgain={again} />
    </section>
  );
}

"use client";
import { useId, useState } from "react";
import type { ContentLocale } from "@/lib/content/names";
import type { ExerciseReview, PublicSpotTheRisk } from "@/lib/exercises/public-view";
import { ExerciseActions, type ExerciseStatus } from "./actions";
import { EXERCISE_LABELS } from "./labels";
import { postExercise } from "./submit";

const PLACES = ["meta", "photo", "text", "place"] as const;

/**
 * Spot the risk: a mock post whose details are toggle buttons (keyboard: Tab and Space or
 * Enter; touch: tap). The browser knows only the details, not which are risky: after
 * "Check" the server grades and sends back each detail's verdict and explanation.
 */
export function SpotTheRiskExercise({ exercise, courseSlug, locale }: { exercise: PublicSpotTheRisk; courseSlug: string; locale: ContentLocale }) {
  const l = EXERCISE_LABELS[locale];
  const [marked, setMarked] = useState<ReadonlySet<string>>(new Set());
  const [review, setReview] = useState<ExerciseReview | null>(null);
  const [status, setStatus] = useState<ExerciseStatus>("idle");
  const baseId = useId();
  const byItem = new Map(review?.items.map((i) => [i.itemId, i]));

  const toggle = (id: string) => {
    if (review) return;
    setMarked((m) => {
      const next = new Set(m);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const check = async () => {
    setStatus("sending");
    const r = await postExercise({ courseSlug, exerciseId: exercise.id, selected: [...marked] });
    setStatus(r ? "idle" : "error");
    if (r) setReview(r);
  };
  const again = () => {
    setReview(null);
    setMarked(new Set());
  };
  const verdict = (id: string) => {
    const item = byItem.get(id);
    if (!item) return null;
    const risky = item.answer === true;
    const wasMarked = item.chosen === "marked";
    return { text: risky ? (wasMarked ? l.found : l.missed) : wasMarked ? l.falseAlarm : l.harmless, ok: item.correct, explanation: item.explanation };
  };

  return (
    <section className="exercise" aria-labelledby={`${baseId}-title`}>
      <p className="exercise__kind">{l.spotTheRisk}</p>
      <h3 id={`${baseId}-title`} className="exercise__title">
        {exercise.title}
      </h3>
      <p id={`${baseId}-prompt`}>{exercise.prompt}</p>
      <div className="mdx-post exercise__post" aria-describedby={`${baseId}-prompt`}>
        <p className="mdx-post__badge">{l.simulatedPost}</p>
        <p className="mdx-post__meta">
          <span className="mdx-post__author">{exercise.post.author}</span>
          {exercise.post.role ? <span className="mdx-post__role">{exercise.post.role}</span> : null}
          <span className="mdx-post__context">
            {l.audience}: {exercise.post.audience}
            {exercise.post.time ? ` · ${exercise.post.time}` : null}
          </span>
        </p>
        <p className="mdx-post__text">{exercise.post.text}</p>
        {PLACES.map((place) => {
          const spots = exercise.hotspots.filter((h) => h.place === place);
          if (spots.length === 0) return null;
          return (
            <div key={place} className={`exercise__group exercise__group--${place}`} role="group" aria-label={l[place]}>
              <p className="exercise__group-label" aria-hidden="true">
                {l[place]}
              </p>
              <ul className="exercise__spots">
                {spots.map((h) => {
                  const v = verdict(h.id);
                  const on = marked.has(h.id);
                  return (
                    <li key={h.id}>
                      <button
                        type="button"
                        className={`exercise__spot${on ? " exercise__spot--on" : ""}${v ? (v.ok ? " exercise__spot--ok" : " exercise__spot--ko") : ""}`}
                        aria-pressed={on}
                        aria-describedby={v ? `${baseId}-${h.id}-v` : undefined}
                        onClick={() => toggle(h.id)}
                        disabled={review !== null}
                      >
                        <span aria-hidden="true" className="exercise__tick">
                          {on ? "✓" : ""}
                        </span>
                        {h.label}
                        {on ? <span className="visually-hidden"> ({l.marked})</span> : null}
                      </button>
                      {v ? (
                        <p id={`${baseId}-${h.id}-v`} className={v.ok ? "exercise__verdict exercise__verdict--ok" : "exercise__verdict exercise__verdict--ko"}>
                          <strong>{v.text}.</strong> {v.explanation}
                        </p>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            </div>
          );
        })}
      </div>
      <ExerciseActions l={l} review={review} status={status} onCheck={check} onAgain={again} />
    </section>
  );
}

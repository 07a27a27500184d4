"use client";

import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import type { QuizFormState } from "@/lib/attempts/form-state";
import { refusedAccess } from "@/lib/forms/form-state";
import type { PublicQuestion } from "@/lib/quiz/public-view";
import { QuestionScenario } from "./question-scenario";

type Props = {
  attemptId: number;
  questions: PublicQuestion[];
  locale: "it" | "en";
  action: (prev: QuizFormState, formData: FormData) => Promise<QuizFormState>;
};

/**
 * The questions of one attempt, as a plain form: a fieldset and legend per question, native
 * radios and checkboxes (keyboard operable), unanswered questions announced in a summary
 * that receives focus. It only ever holds the public view: no answer key, no feedback.
 */
export function QuizForm({ attemptId, questions, locale, action }: Props) {
  const t = useTranslations("quiz");
  const [state, formAction, pending] = useActionState(action, null);
  const summary = useRef<HTMLDivElement>(null);
  const missing = new Set(state?.missing ?? []);

  useEffect(() => {
    if (state?.missing?.length || state?.message) summary.current?.focus();
  }, [state]);

  return (
    <form action={formAction} noValidate className="quiz-form">
      <input type="hidden" name="attemptId" value={attemptId} />
      <div ref={summary} tabIndex={-1} role="alert" aria-live="assertive">
        {state?.missing?.length ? (
          <div className="alert alert--error">
            <p>{t("errorSummary", { count: state.missing.length })}</p>
            <ul>
              {state.missing.map((id) => {
                const index = questions.findIndex((q) => q.id === id);
                return (
                  <li key={id}>
                    <a href={`#question-${id}`}>{t("question", { number: index + 1, total: questions.length })}</a>
                  </li>
                );
              })}
            </ul>
          </div>
        ) : null}
        {state?.message ? (
          <p className="alert alert--error">{state.message === "invalid" || refusedAccess(state) ? t("invalid") : t(`submitRefusal.${state.message}`)}</p>
        ) : null}
      </div>
      {questions.map((q, i) => {
        const hintId = `hint-${q.id}`;
        const errorId = `error-${q.id}`;
        const isMissing = missing.has(q.id);
        return (
          <fieldset
            key={q.id}
            id={`question-${q.id}`}
            className="quiz-question card"
            aria-describedby={isMissing ? `${hintId} ${errorId}` : hintId}
            aria-invalid={isMissing || undefined}
          >
            <legend>
              <span className="quiz-question__number">{t("question", { number: i + 1, total: questions.length })}</span>
              <span className="quiz-question__prompt">{q.prompt}</span>
            </legend>
            {q.scenario ? <QuestionScenario scenario={q.scenario} locale={locale} label={t("scenario")} /> : null}
            <p id={hintId} className="muted">
              {q.type === "multiple" ? t("selectAll") : t("selectOne")}
            </p>
            {isMissing ? (
              <p id={errorId} className="field-error">
                {t("missingAnswer")}
              </p>
            ) : null}
            <ul className="quiz-options">
              {q.options.map((o) => {
                const id = `q-${q.id}-${o.id}`;
                return (
                  <li key={o.id}>
                    <input id={id} type={q.type === "multiple" ? "checkbox" : "radio"} name={`q:${q.id}`} value={o.id} />
                    <label htmlFor={id}>{o.text}</label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        );
      })}
      <button type="submit" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}

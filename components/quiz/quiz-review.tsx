import { getTranslations } from "next-intl/server";
import type { ReviewOption, ReviewQuestion, WithheldReviewQuestion } from "@/lib/quiz/public-view";
import { QuestionScenario } from "./question-scenario";
import { LessonLink } from "@/components/course/lesson-link";
import "./quiz-review.css";

type Props = { courseSlug: string; questions: (ReviewQuestion | WithheldReviewQuestion)[]; locale: "it" | "en"; lessonTitles: Record<string, string> };

/**
 * After submission only, one question at a time, in plain words: what you answered, whether it
 * was right, the right answer when it was not, and why. An option's feedback is shown only for
 * what the learner chose (praise on an option nobody picked reads as if they had). The lessons
 * to review are listed once, above the questions. While the course withholds the key
 * (`WithheldReviewQuestion`), each question says only whether it was right and what was chosen.
 */
export async function QuizReview({ courseSlug, questions, locale, lessonTitles }: Props) {
  const t = await getTranslations("quiz");
  const toReview = [...new Set(questions.filter((q) => !q.correct && q.lesson).map((q) => q.lesson))];
  return (
    <>
      {toReview.length ? (
        <section aria-labelledby="to-review" className="card quiz-to-review">
          <h2 id="to-review">{t("toReview", { count: toReview.length })}</h2>
          <ul>
            {toReview.map((slug) => (
              <li key={slug}>
                <LessonLink courseSlug={courseSlug} lessonSlug={slug}>
                  {lessonTitles[slug] ?? slug}
                </LessonLink>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2 className="visually-hidden">{t("answersTitle")}</h2>
      <ol className="quiz-review">
        {questions.map((q, i) => {
          const chosen = q.options.filter((o) => o.selected);
          return (
            <li key={q.id} className={`card quiz-review__item ${q.correct ? "is-correct" : "is-wrong"}`}>
              <h3>
                {t("question", { number: i + 1, total: questions.length })}{" "}
                <span className={q.correct ? "badge badge--completed" : "badge badge--off"}>
                  <span aria-hidden="true">{q.correct ? "✓ " : "✗ "}</span>
                  {q.correct ? t("correct") : t("wrong")}
                </span>
              </h3>
              {q.scenario ? <QuestionScenario scenario={q.scenario} locale={locale} label={t("scenario")} /> : null}
              <p className="quiz-question__prompt">{q.prompt}</p>
              {"keysWithheld" in q ? (
                <dl className="quiz-review__answers">
                  <dt>{t("yourAnswer", { count: chosen.length })}</dt>
                  {chosen.length ? (
                    chosen.map((o) => (
                      <dd key={o.id} className="quiz-review__chosen">
                        <strong>{o.text}</strong>
                      </dd>
                    ))
                  ) : (
                    <dd>{t("noAnswer")}</dd>
                  )}
                </dl>
              ) : (
                <FullAnswers question={q} chosen={q.options.filter((o) => o.selected)} labels={{ yourAnswer: t("yourAnswer", { count: chosen.length }), noAnswer: t("noAnswer"), rightAnswer: (n: number) => t("rightAnswer", { count: n }), explanation: t("explanation"), right: t("thisIsRight"), wrong: t("thisIsWrong") }} />
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}

type FullLabels = { yourAnswer: string; noAnswer: string; rightAnswer: (n: number) => string; explanation: string; right: string; wrong: string };

/** Your answer, each option marked right or wrong; the right answer when you missed it; why. */
function FullAnswers({ question: q, chosen, labels }: { question: ReviewQuestion; chosen: ReviewOption[]; labels: FullLabels }) {
  const right = q.options.filter((o) => o.correct);
  return (
    <dl className="quiz-review__answers">
      <dt>{labels.yourAnswer}</dt>
      {chosen.length ? chosen.map((o) => <Answer key={o.id} option={o} mark={o.correct ? "right" : "wrong"} labels={{ right: labels.right, wrong: labels.wrong }} />) : <dd>{labels.noAnswer}</dd>}
      {q.correct ? null : (
        <>
          <dt>{labels.rightAnswer(right.length)}</dt>
          {right.map((o) => (
            <dd key={o.id} className="quiz-review__right">
              {o.text}
            </dd>
          ))}
        </>
      )}
      <dt>{labels.explanation}</dt>
      <dd>{q.explanation}</dd>
    </dl>
  );
}

function Answer({ option, mark, labels }: { option: ReviewOption; mark: "right" | "wrong"; labels: { right: string; wrong: string } }) {
  return (
    <dd className={`quiz-review__chosen is-${mark}`}>
      <span className="quiz-review__mark">
        <span aria-hidden="true">{mark === "right" ? "✓" : "✗"}</span> <span className="visually-hidden">{mark === "right" ? labels.right : labels.wrong}</span>
      </span>{" "}
      <strong>{option.text}</strong>
      {option.feedback ? <span className="quiz-review__feedback"> — {option.feedback}</span> : null}
    </dd>
  );
}

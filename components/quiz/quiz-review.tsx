import { getTranslations } from "next-intl/server";
import type { ReviewQuestion } from "@/lib/quiz/public-view";
import { QuestionScenario } from "./question-scenario";
import { LessonLink } from "@/components/course/lesson-link";

type Props = { courseSlug: string; questions: ReviewQuestion[]; locale: "it" | "en"; lessonTitles: Record<string, string> };

/** After submission only: each question right or wrong, the feedback of every option, the explanation. */
export async function QuizReview({ courseSlug, questions, locale, lessonTitles }: Props) {
  const t = await getTranslations("quiz");
  return (
    <ol className="quiz-review">
      {questions.map((q, i) => (
        <li key={q.id} className={`card quiz-review__item ${q.correct ? "is-correct" : "is-wrong"}`}>
          <h3>
            {t("question", { number: i + 1, total: questions.length })}:{" "}
            <span className={q.correct ? "badge badge--completed" : "badge badge--off"}>{q.correct ? t("correct") : t("wrong")}</span>
          </h3>
          {q.scenario ? <QuestionScenario scenario={q.scenario} locale={locale} label={t("scenario")} /> : null}
          <p className="quiz-question__prompt">{q.prompt}</p>
          <ul className="quiz-review__options">
            {q.options.map((o) => (
              <li key={o.id} className={o.correct ? "is-right-option" : undefined}>
                <p>
                  <strong>{o.text}</strong>
                  {o.selected ? <span className="badge">{t("yourAnswer")}</span> : null}
                  {o.correct ? <span className="badge badge--completed">{t("rightAnswer")}</span> : null}
                </p>
                <p className="muted">{o.feedback}</p>
              </li>
            ))}
          </ul>
          <p>
            <strong>{t("explanation")}:</strong> {q.explanation}
          </p>
          {q.lesson ? (
            <p>
              <LessonLink courseSlug={courseSlug} lessonSlug={q.lesson}>
                {t("studyLesson", { title: lessonTitles[q.lesson] ?? q.lesson })}
              </LessonLink>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

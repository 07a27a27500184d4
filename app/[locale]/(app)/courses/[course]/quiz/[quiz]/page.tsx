import type { Metadata } from "next";
import { elide, elideDay } from "@/lib/i18n/elision";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { z } from "zod";
import { db } from "@/db/client";
import { isEnrolled } from "@/db/queries/enrolment";
import { getAttempt, listAttempts } from "@/db/queries/quiz-attempts";
import { completedLessonSlugs } from "@/db/queries/progress";
import { requirePermission } from "@/lib/auth/guards";
import { findQuiz, finalTestRefusal, isOpen, questionsById, shownQuestions, timeLimitMs } from "@/lib/attempts/lifecycle";
import { testTimeExtraPercent } from "@/db/queries/users";
import { lessonVariant } from "@/lib/content/lookup";
import { localized } from "@/lib/content/schemas";
import { reviewQuestion, withholdKeys } from "@/lib/quiz/public-view";
import { gradedQuestions, reviewShowsKeys } from "@/lib/attempts/review";
import type { Locale } from "@/lib/i18n/locales";
import { QuizForm } from "@/components/quiz/quiz-form";
import { QuizReview } from "@/components/quiz/quiz-review";
import "@/components/mdx/mdx.css";
import { startAttemptAction, submitAttemptAction } from "./actions";
import { CourseLink } from "@/components/course/course-link";

type Props = { params: Promise<{ locale: string; course: string; quiz: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const Query = z.object({ attempt: z.coerce.number().int().positive().optional().catch(undefined) });

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, course, quiz } = await params;
  const ref = findQuiz(course, quiz);
  return ref ? { title: localized(ref.quiz.title, locale as Locale) } : {};
}

/**
 * A lesson check or the final test. Before submission the page holds only the public view
 * of the drawn questions (no answer key, no feedback); after it, the graded review.
 */
export default async function QuizPage({ params, searchParams }: Props) {
  const { locale: raw, course: courseSlug, quiz: quizId } = await params;
  const locale = raw as Locale;
  setRequestLocale(locale);
  const user = await requirePermission("courses:learn");
  const ref = findQuiz(courseSlug, quizId);
  if (!ref || !await isEnrolled(db(), user.id, ref.course.slug)) notFound();
  const { course, quiz, kind } = ref;
  const t = await getTranslations("quiz");
  const format = await getFormatter();
  const d = db();
  const query = Query.parse(await searchParams);
  const byId = questionsById(quiz);
  const title = localized(quiz.title, locale);
  const back = (
    <p>
      <CourseLink courseSlug={course.slug}>← {t("backToCourse")}</CourseLink>
    </p>
  );

  if (query.attempt) {
    const attempt = await getAttempt(d, query.attempt);
    // Someone else's attempt does not exist, as far as this learner can tell.
    if (!attempt || attempt.userId !== user.id || attempt.quizId !== quiz.id || attempt.courseSlug !== course.slug) notFound();
    if (!attempt.submittedAt && isOpen(attempt, new Date())) {
      const questions = shownQuestions(attempt, quiz, locale);
      return (
        <main id="main" className="quiz-page">
          {back}
          <h1>{title}</h1>
          {attempt.expiresAt ? <p className="muted">{t("timeLimit", { minutes: Math.round((attempt.expiresAt.getTime() - attempt.startedAt.getTime()) / 60_000) })}</p> : null}
          <QuizForm attemptId={attempt.id} questions={questions} locale={locale} action={submitAttemptAction} />
        </main>
      );
    }
    if (attempt.submittedAt) {
      const showKeys = reviewShowsKeys(ref, await listAttempts(d, user.id, course.slug, quiz.id));
      const review = gradedQuestions(attempt, byId).map((g) => {
        const full = reviewQuestion(g.question, g.drawn, locale, g.grade);
        return showKeys ? full : withholdKeys(full);
      });
      const lessonTitles = Object.fromEntries(course.lessons.map((l) => [l.slug, lessonVariant(l, locale).variant.frontmatter.title]));
      return (
        <main id="main" className="quiz-page">
          {back}
          <h1>{title}</h1>
          <section aria-labelledby="result" className="card">
            <h2 id="result">{t("results")}</h2>
            {kind === "lesson-check" ? (
              <p role="status" className={attempt.correctCount === attempt.totalQuestions ? "alert alert--ok" : "alert alert--info"}>
                {t("checkResult", { correct: attempt.correctCount ?? 0, total: attempt.totalQuestions })} {t("checkDoesNotCount")}
              </p>
            ) : (
              <>
                <p role="status">{t("score", { score: format.number(attempt.scorePercent ?? 0), correct: attempt.correctCount ?? 0, total: attempt.totalQuestions })}</p>
                <p className={attempt.passed ? "alert alert--ok" : "alert alert--error"}>
                  {attempt.passed ? t("passed") : t("failed", { passMark: course.completion.passMark, elide: elide(course.completion.passMark) })}
                </p>
              </>
            )}
            <p>
              <Link href={`/courses/${course.slug}/quiz/${quiz.id}`}>{kind === "final" ? t("previousAttempts") : t("startAgain")}</Link>
              {" · "}
              <CourseLink courseSlug={course.slug}>{t("backToCourse")}</CourseLink>
            </p>
          </section>
          {showKeys ? null : <p className="alert alert--info">{t("keysWithheld")}</p>}
          <QuizReview courseSlug={course.slug} questions={review} locale={locale} lessonTitles={lessonTitles} />
        </main>
      );
    }
    // Expired without being submitted: fall through to the overview, which lists it.
  }

  const attempts = await listAttempts(d, user.id, course.slug, quiz.id);
  const now = new Date();
  const open = attempts.find((a) => isOpen(a, now));
  const refusal = kind === "final" && !open ? finalTestRefusal(ref, attempts, await completedLessonSlugs(d, user.id, course.slug), now) : null;
  const settings = course.finalTest;
  const extra = kind === "final" ? await testTimeExtraPercent(d, user.id) : 0;
  return (
    <main id="main" className="quiz-page">
      {back}
      <h1>{title}</h1>
      {kind === "final" && settings ? (
        <>
          <p>{t("finalTestIntro", { questions: settings.questions, passMark: course.completion.passMark, elide: elide(course.completion.passMark), maxAttempts: settings.maxAttempts })}</p>
          <p className="muted">
            {extra
              ? t("timeLimitExtra", { percent: extra, minutes: Math.round(timeLimitMs(settings.timeLimitMinutes, extra) / 60_000) })
              : t("timeLimit", { minutes: settings.timeLimitMinutes })}{" "}
            {t("attemptsUsed", { used: attempts.length, max: settings.maxAttempts })}
          </p>
        </>
      ) : (
        <p>{t("lessonCheckIntro")}</p>
      )}
      {refusal ? (
        <p className="alert alert--info" role="status">
          {refusal.code === "wait"
            ? t("refusal.wait", { time: format.dateTime(refusal.retryAt, { dateStyle: "long", timeStyle: "short" }), elide: elideDay(refusal.retryAt) })
            : refusal.code === "limit_reached"
              ? t("refusal.limit_reached", { max: refusal.max })
              : t(`refusal.${refusal.code}`)}
        </p>
      ) : (
        <form action={startAttemptAction}>
          <input type="hidden" name="courseSlug" value={course.slug} />
          <input type="hidden" name="quizId" value={quiz.id} />
          <button type="submit">{open ? t("resume") : attempts.length ? t("startAgain") : t("start")}</button>
        </form>
      )}
      {attempts.length ? (
        <section aria-labelledby="attempts">
          <h2 id="attempts">{t("previousAttempts")}</h2>
          <div className="table-wrap">
            <table className="responsive">
              <thead>
                <tr>
                  <th scope="col">{t("attempt")}</th>
                  <th scope="col">{t("date")}</th>
                  <th scope="col">{t("outcome")}</th>
                </tr>
              </thead>
              <tbody>
                {attempts.map((a) => (
                  <tr key={a.id}>
                    <td data-label={t("attempt")}>{a.attemptNumber}</td>
                    <td data-label={t("date")}>{format.dateTime(a.submittedAt ?? a.startedAt, { dateStyle: "short", timeStyle: "short" })}</td>
                    <td data-label={t("outcome")}>
                      {a.submittedAt ? (
                        <Link href={`/courses/${course.slug}/quiz/${quiz.id}?attempt=${a.id}`}>
                          {kind === "lesson-check"
                            ? t("checkResultShort", { correct: a.correctCount ?? 0, total: a.totalQuestions })
                            : `${format.number(a.scorePercent ?? 0)}% · ${a.passed ? t("passedShort") : t("failedShort")}`}
                        </Link>
                      ) : isOpen(a, now) ? (
                        t("inProgress")
                      ) : (
                        t("expiredAttempt")
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </main>
  );
}

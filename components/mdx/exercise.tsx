import type { ContentLocale } from "@/lib/content/names";
import type { ExerciseOptions } from "@/lib/content/mdx-components";
import type { PublicExercise } from "@/lib/exercises/public-view";
import { RewriteExercise } from "@/components/exercises/rewrite";
import { SpotTheRiskExercise } from "@/components/exercises/spot-the-risk";
import { EXERCISE_LABELS } from "@/components/exercises/labels";
import type { MdxLocaleProps } from "./labels";

export type ExerciseProps = ExerciseOptions &
  MdxLocaleProps & {
    courseSlug?: string;
    /**
     * The course's exercises (public views, no answers) in the lesson's language. Undefined
     * where no Binomio server grades them (an LMS package): the lesson then says so.
     */
    exercises?: readonly PublicExercise[];
  };

function Note({ text }: { text: string }) {
  return <p className="alert alert--info">{text}</p>;
}

function Missing({ id, locale }: { id: string; locale: ContentLocale }) {
  return <p className="alert alert--error">{EXERCISE_LABELS[locale].missingExercise(id)}</p>;
}

/** `<SpotTheRisk id="…" />`: the exercise `quizzes/<id>.yaml` of the lesson's course. */
export function SpotTheRisk({ id, locale = "it", courseSlug, exercises }: ExerciseProps) {
  if (!exercises) return <Note text={EXERCISE_LABELS[locale].onlyOnPlatform} />;
  const e = exercises.find((x) => x.id === id);
  if (!e || e.kind !== "spot-the-risk" || !courseSlug) return <Missing id={id} locale={locale} />;
  return <SpotTheRiskExercise exercise={e} courseSlug={courseSlug} locale={locale} />;
}

/** `<Rewrite id="…" />`: the exercise `quizzes/<id>.yaml` of the lesson's course. */
export function Rewrite({ id, locale = "it", courseSlug, exercises }: ExerciseProps) {
  if (!exercises) return <Note text={EXERCISE_LABELS[locale].onlyOnPlatform} />;
  const e = exercises.find((x) => x.id === id);
  if (!e || e.kind !== "rewrite" || !courseSlug) return <Missing id={id} locale={locale} />;
  return <RewriteExercise exercise={e} courseSlug={courseSlug} locale={locale} />;
}

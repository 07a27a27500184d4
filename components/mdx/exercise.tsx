import type { ContentLocale } from "@/lib/content/names";
import type { ExerciseOptions } from "@/lib/content/mdx-components";
import { getCourse } from "@/lib/content/lookup";
import { publicExercise } from "@/lib/exercises/public-view";
import { RewriteExercise } from "@/components/exercises/rewrite";
import { SpotTheRiskExercise } from "@/components/exercises/spot-the-risk";
import { EXERCISE_LABELS } from "@/components/exercises/labels";
import type { MdxLocaleProps } from "./labels";
import "@/components/exercises/exercises.css";

export type ExerciseProps = ExerciseOptions & MdxLocaleProps & { courseSlug?: string };

/** The exercise's public view (no answers) in the lesson's language, or null. */
function load(id: string, courseSlug: string | undefined, locale: ContentLocale) {
  const exercise = courseSlug ? getCourse(courseSlug)?.exercises.find((e) => e.id === id) : undefined;
  return exercise ? publicExercise(exercise, locale) : null;
}

function Missing({ id, locale }: { id: string; locale: ContentLocale }) {
  return <p className="alert alert--error">{EXERCISE_LABELS[locale].missingExercise(id)}</p>;
}

/** `<SpotTheRisk id="…" />`: the exercise `quizzes/<id>.yaml` of the lesson's course. */
export function SpotTheRisk({ id, locale = "it", courseSlug }: ExerciseProps) {
  const e = load(id, courseSlug, locale);
  if (!e || e.kind !== "spot-the-risk" || !courseSlug) return <Missing id={id} locale={locale} />;
  return <SpotTheRiskExercise exercise={e} courseSlug={courseSlug} locale={locale} />;
}

/** `<Rewrite id="…" />`: the exercise `quizzes/<id>.yaml` of the lesson's course. */
export function Rewrite({ id, locale = "it", courseSlug }: ExerciseProps) {
  const e = load(id, courseSlug, locale);
  if (!e || e.kind !== "rewrite" || !courseSlug) return <Missing id={id} locale={locale} />;
  return <RewriteExercise exercise={e} courseSlug={courseSlug} locale={locale} />;
}

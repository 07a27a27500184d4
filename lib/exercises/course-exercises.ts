import "server-only";
import { getCourse } from "@/lib/content/lookup";
import type { ContentLocale } from "@/lib/content/names";
import { publicExercise, type PublicExercise } from "./public-view";

/** A course's exercises as the browser may see them (no answers), in one language. */
export function courseExercises(courseSlug: string, locale: ContentLocale): PublicExercise[] {
  return (getCourse(courseSlug)?.exercises ?? []).map((e) => publicExercise(e, locale));
}

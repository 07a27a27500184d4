import type { AnchorHTMLAttributes } from "react";

type Props = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { courseSlug: string; lessonSlug: string };

/**
 * A link to a lesson page. A plain `<a>`, not next/link: lesson pages are served as HTML by
 * their route handler (lib/lessons), with no RSC payload for client navigation or prefetch.
 */
export function LessonLink({ courseSlug, lessonSlug, ...rest }: Props) {
  return <a href={`/courses/${courseSlug}/${lessonSlug}`} {...rest} />;
}

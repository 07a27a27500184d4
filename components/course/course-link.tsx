import type { AnchorHTMLAttributes } from "react";

type Props = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> & { courseSlug: string };

/**
 * A link to a course page. A plain `<a>`, not next/link: course pages are served as HTML by
 * their route handler (lib/course-page), with no RSC payload for client navigation or prefetch.
 */
export function CourseLink({ courseSlug, ...rest }: Props) {
  return <a href={`/courses/${courseSlug}`} {...rest} />;
}

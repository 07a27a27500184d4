import type { ReactNode } from "react";
import type { TitledOptions } from "@/lib/content/mdx-components";
import { mdxLabels, type MdxLocaleProps } from "./labels";

export type KeyPointsProps = TitledOptions & MdxLocaleProps & { children?: ReactNode };

/** A summary box for the points to remember; its content is a Markdown list. */
export function KeyPoints({ title, children, locale }: KeyPointsProps) {
  return (
    <div className="mdx-keypoints">
      <p className="mdx-keypoints__title">{title ?? mdxLabels(locale).keyPoints}</p>
      {children}
    </div>
  );
}

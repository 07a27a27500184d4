import type { ReactNode } from "react";
import type { TitledOptions } from "@/lib/content/mdx-components";
import { mdxLabels, type MdxLocaleProps } from "./labels";

export type ChecklistProps = TitledOptions & MdxLocaleProps & { children?: ReactNode };

/**
 * A list of checks to run through (e.g. before posting). Not interactive: the Markdown list
 * inside is drawn with check marks by CSS, and stays an ordinary list for screen readers.
 */
export function Checklist({ title, children, locale }: ChecklistProps) {
  return (
    <div className="mdx-checklist">
      <p className="mdx-checklist__title">{title ?? mdxLabels(locale).checklist}</p>
      {children}
    </div>
  );
}

import type { ReactNode } from "react";
import type { TitledOptions } from "@/lib/content/mdx-components";
import { mdxLabels, type MdxLocaleProps } from "./labels";

export type SpoilerProps = TitledOptions & MdxLocaleProps & { children?: ReactNode };

/**
 * A question or teaser whose answer stays hidden until opened. Native `<details>`: works with
 * keyboard and screen readers, and without JavaScript.
 */
export function Spoiler({ title, children, locale }: SpoilerProps) {
  return (
    <details className="mdx-spoiler">
      <summary>{title ?? mdxLabels(locale).showAnswer}</summary>
      <div className="mdx-spoiler__body">{children}</div>
    </details>
  );
}

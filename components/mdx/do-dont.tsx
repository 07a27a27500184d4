import type { ReactNode } from "react";
import type { TitledOptions } from "@/lib/content/mdx-components";
import { mdxLabels, type MdxLocaleProps } from "./labels";

export type DoDontProps = TitledOptions & MdxLocaleProps & { children?: ReactNode };

/**
 * Two columns, what to do and what to avoid. In MDX it holds a `<Do>` and a `<Dont>`, each
 * with ordinary Markdown (usually a bulleted list).
 */
export function DoDont({ title, children, locale }: DoDontProps) {
  return (
    <div className="mdx-dodont">
      <p className="mdx-dodont__title">{title ?? mdxLabels(locale).doDont}</p>
      <div className="mdx-dodont__columns">{children}</div>
    </div>
  );
}

/** The "do" column of a {@link DoDont}; the ✓ and the heading text carry the meaning, not only the colour. */
export function Do({ title, children, locale }: DoDontProps) {
  return (
    <div className="mdx-do">
      <p className="mdx-do__title">
        <span aria-hidden="true">✓ </span>
        {title ?? mdxLabels(locale).do}
      </p>
      {children}
    </div>
  );
}

/** The "don't" column of a {@link DoDont}. */
export function Dont({ title, children, locale }: DoDontProps) {
  return (
    <div className="mdx-dont">
      <p className="mdx-dont__title">
        <span aria-hidden="true">✗ </span>
        {title ?? mdxLabels(locale).dont}
      </p>
      {children}
    </div>
  );
}

import type { ReactNode } from "react";
import type { CalloutOptions } from "@/lib/content/mdx-components";
import { mdxLabels, type MdxLocaleProps } from "./labels";

export type CalloutProps = CalloutOptions & MdxLocaleProps & { children?: ReactNode };

const ICONS = { info: "i", warning: "!", danger: "!!" } as const;

/**
 * A highlighted note. `type` (info, warning, danger) sets colour and icon; its name is also
 * read out before a custom title, so the meaning never depends on colour alone.
 */
export function Callout({ type = "info", title, children, locale }: CalloutProps) {
  const labels = mdxLabels(locale);
  const kind = labels.callout[type];
  return (
    <div className={`mdx-callout mdx-callout--${type}`} role="note">
      <p className="mdx-callout__title">
        <span className="mdx-callout__icon" aria-hidden="true">
          {ICONS[type]}
        </span>
        {title ? (
          <strong>
            <span className="mdx-sr-only">{kind}: </span>
            {title}
          </strong>
        ) : (
          <strong>{kind}</strong>
        )}
      </p>
      <div className="mdx-callout__body">{children}</div>
    </div>
  );
}

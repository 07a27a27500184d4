import type { ReactNode } from "react";
import type { QuoteOptions } from "@/lib/content/mdx-components";
import type { MdxLocaleProps } from "./labels";

export type QuoteProps = QuoteOptions & MdxLocaleProps & { children?: ReactNode };

/** A quotation; `cite` is who said or wrote it, `source` the work or document it comes from. */
export function Quote({ cite, source, children }: QuoteProps) {
  return (
    <figure className="mdx-quote">
      <blockquote>{children}</blockquote>
      {cite || source ? (
        <figcaption>
          — {cite}
          {cite && source ? ", " : null}
          {source ? <cite>{source}</cite> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}

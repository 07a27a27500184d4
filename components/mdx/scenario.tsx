import type { ReactNode } from "react";
import type { ScenarioOptions } from "@/lib/content/mdx-components";
import { mdxLabels, type MdxLocaleProps } from "./labels";

export type ScenarioProps = ScenarioOptions & MdxLocaleProps & { children?: ReactNode };

/** A short workplace case: who is involved, where it happens, then what happens (the content). */
export function Scenario({ who, where, title, children, locale }: ScenarioProps) {
  const labels = mdxLabels(locale);
  return (
    <div className="mdx-scenario">
      <p className="mdx-scenario__label">
        {labels.scenario}
        {title ? <span className="mdx-scenario__title">: {title}</span> : null}
      </p>
      <dl className="mdx-scenario__facts">
        <div>
          <dt>{labels.who}</dt>
          <dd>{who}</dd>
        </div>
        <div>
          <dt>{labels.where}</dt>
          <dd>{where}</dd>
        </div>
      </dl>
      <div className="mdx-scenario__body">
        <p className="mdx-sr-only">{labels.whatHappens}</p>
        {children}
      </div>
    </div>
  );
}

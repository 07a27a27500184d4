import type { ReactNode } from "react";
import type { SocialPostOptions } from "@/lib/content/mdx-components";
import { mdxLabels, type MdxLocaleProps } from "./labels";

export type SocialPostReactions = NonNullable<SocialPostOptions["reactions"]>;
/** Plain props, so quiz scenarios can render the same mock post outside MDX. */
export type SocialPostProps = SocialPostOptions & MdxLocaleProps & { children?: ReactNode };

/** Up to two initials for the generic avatar ("Marta Rossi" → "MR"). */
export function initialsOf(name: string): string {
  const letters = name
    .split(/\s+/)
    .map((word) => word.match(/\p{L}|\p{N}/u)?.[0] ?? "")
    .filter(Boolean);
  const picked = letters.length > 1 ? [letters[0], letters[letters.length - 1]] : letters;
  return picked.join("").toUpperCase() || "?";
}

/**
 * A mock social-network post, clearly labelled as simulated: generic initials instead of a
 * photo, no platform names or logos. `audience` is the visibility the author chose (e.g.
 * "Solo amici"), shown because lessons often turn on it.
 */
export function SocialPost({ author, role, audience, time, reactions, children, locale }: SocialPostProps) {
  const labels = mdxLabels(locale);
  const counts = reactions
    ? ([
        ["likes", reactions.likes, labels.likes],
        ["comments", reactions.comments, labels.comments],
        ["shares", reactions.shares, labels.shares],
      ] as const).filter(([, n]) => n !== undefined)
    : [];
  return (
    <article className="mdx-post" aria-label={labels.simulatedPostBy(author)}>
      <p className="mdx-post__badge">{labels.simulatedPost}</p>
      <div className="mdx-post__header">
        <span className="mdx-post__avatar" aria-hidden="true">
          {initialsOf(author)}
        </span>
        <p className="mdx-post__meta">
          <span className="mdx-post__author">{author}</span>
          {role ? <span className="mdx-post__role">{role}</span> : null}
          <span className="mdx-post__context">
            {time ? <span>{time} · </span> : null}
            <span>
              {labels.audience}: {audience}
            </span>
          </span>
        </p>
      </div>
      <div className="mdx-post__text">{children}</div>
      {counts.length > 0 ? (
        <ul className="mdx-post__reactions" aria-label={labels.reactions}>
          {counts.map(([key, n, label]) => (
            <li key={key}>{label(n ?? 0)}</li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}

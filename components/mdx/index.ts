/**
 * The MDX component registry: the only components lesson MDX may use. Names and accepted
 * props are declared in `lib/content/mdx-components.ts` (which content:check enforces); the
 * type check below keeps this map and that list identical.
 */
import type { MdxComponentName } from "@/lib/content/mdx-components";
import { Callout } from "./callout";
import { Checklist } from "./checklist";
import { Do, DoDont, Dont } from "./do-dont";
import { Rewrite, SpotTheRisk } from "./exercise";
import { Figure } from "./figure";
import { KeyPoints } from "./key-points";
import { Quote } from "./quote";
import { Scenario } from "./scenario";
import { SocialPost } from "./social-post";
import { Spoiler } from "./spoiler";

export const mdxComponents = {
  Callout,
  Scenario,
  SocialPost,
  Spoiler,
  DoDont,
  Do,
  Dont,
  KeyPoints,
  Checklist,
  Quote,
  Figure,
  SpotTheRisk,
  Rewrite,
};

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type AssertTrue<T extends true> = T;
/** Fails to compile when the registry and `MDX_COMPONENT_SPECS` list different names. */
export type RegistryMatchesSpecs = AssertTrue<Same<keyof typeof mdxComponents, MdxComponentName>>;

export { Callout, Checklist, Do, DoDont, Dont, Figure, KeyPoints, Quote, Rewrite, Scenario, SocialPost, SpotTheRisk, Spoiler };
export { initialsOf } from "./social-post";
export { mdxLabels, type MdxLocaleProps } from "./labels";
export type { CalloutProps } from "./callout";
export type { ChecklistProps } from "./checklist";
export type { DoDontProps } from "./do-dont";
export type { ExerciseProps } from "./exercise";
export type { FigureProps } from "./figure";
export type { KeyPointsProps } from "./key-points";
export type { QuoteProps } from "./quote";
export type { ScenarioProps } from "./scenario";
export type { SocialPostProps, SocialPostReactions } from "./social-post";
export type { SpoilerProps } from "./spoiler";

/**
 * What trainers may write in MDX: the registry's component names with the props each accepts,
 * and the few lower-case HTML elements allowed inline. The React components live in
 * `components/mdx/`; their props are typed from these schemas so the two cannot drift.
 * Pure module.
 */
import { z } from "zod";
import { assetExtension, IMAGE_EXTENSIONS, isSafeAssetName } from "./asset-names";

const text = z.string().trim().min(1, { error: "must not be empty" });
const count = z.int({ error: "must be a whole number" }).min(0, { error: "must not be negative" });

export const CalloutPropsSchema = z.strictObject({
  type: z.enum(["info", "warning", "danger"], { error: "must be info, warning or danger" }).optional(),
  title: text.optional(),
});
export const ScenarioPropsSchema = z.strictObject({ who: text, where: text, title: text.optional() });
export const SocialPostPropsSchema = z.strictObject({
  author: text,
  role: text.optional(),
  audience: text,
  time: text.optional(),
  reactions: z.strictObject({ likes: count.optional(), comments: count.optional(), shares: count.optional() }).optional(),
});
export const TitledPropsSchema = z.strictObject({ title: text.optional() });
export const QuotePropsSchema = z.strictObject({ cite: text.optional(), source: text.optional() });
export const FigurePropsSchema = z.strictObject({
  src: z.string().refine((s) => isSafeAssetName(s) && IMAGE_EXTENSIONS.has(assetExtension(s)), {
    error: "must be the name of a png, jpg, jpeg, webp or gif file in lessons/assets/ (lower case, no folders)",
  }),
  alt: text,
  caption: text.optional(),
});

/** A practice exercise: the id of its YAML file in the course's quizzes/ folder (content:check checks it exists). */
export const ExercisePropsSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "must be the exercise's file name without .yaml" }),
});

export type CalloutOptions = z.input<typeof CalloutPropsSchema>;
export type ScenarioOptions = z.input<typeof ScenarioPropsSchema>;
export type SocialPostOptions = z.input<typeof SocialPostPropsSchema>;
export type TitledOptions = z.input<typeof TitledPropsSchema>;
export type QuoteOptions = z.input<typeof QuotePropsSchema>;
export type FigureOptions = z.input<typeof FigurePropsSchema>;
export type ExerciseOptions = z.input<typeof ExercisePropsSchema>;

/** How a component may be used in MDX. */
export interface MdxComponentSpec {
  props: z.ZodType;
  /** Whether content between the tags is required, forbidden (self-closing only) or optional. */
  children: "required" | "none" | "optional";
  /** The component must sit directly inside this one. */
  parent?: string;
  /** Only these components may appear directly inside (besides blank lines). */
  allowedChildren?: readonly string[];
  /** The content should be a Markdown bulleted list (a warning otherwise). */
  expectsList?: boolean;
}

/** The registry: the only capitalised components MDX may use. */
export const MDX_COMPONENT_SPECS = {
  Callout: { props: CalloutPropsSchema, children: "required" },
  Scenario: { props: ScenarioPropsSchema, children: "required" },
  SocialPost: { props: SocialPostPropsSchema, children: "required" },
  Spoiler: { props: TitledPropsSchema, children: "required" },
  DoDont: { props: TitledPropsSchema, children: "required", allowedChildren: ["Do", "Dont"] },
  Do: { props: TitledPropsSchema, children: "required", parent: "DoDont" },
  Dont: { props: TitledPropsSchema, children: "required", parent: "DoDont" },
  KeyPoints: { props: TitledPropsSchema, children: "required", expectsList: true },
  Checklist: { props: TitledPropsSchema, children: "required", expectsList: true },
  Quote: { props: QuotePropsSchema, children: "required" },
  Figure: { props: FigurePropsSchema, children: "none" },
  SpotTheRisk: { props: ExercisePropsSchema, children: "none" },
  Rewrite: { props: ExercisePropsSchema, children: "none" },
} as const satisfies Record<string, MdxComponentSpec>;

export type MdxComponentName = keyof typeof MDX_COMPONENT_SPECS;
export const MDX_COMPONENT_NAMES = Object.keys(MDX_COMPONENT_SPECS) as MdxComponentName[];

export function isMdxComponentName(name: string): name is MdxComponentName {
  return Object.hasOwn(MDX_COMPONENT_SPECS, name);
}

/** Lower-case HTML elements allowed inline, with the attributes each may carry. */
export const ALLOWED_HTML_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  br: [],
  abbr: ["title"],
  kbd: [],
  sub: [],
  sup: [],
  mark: [],
  small: [],
};

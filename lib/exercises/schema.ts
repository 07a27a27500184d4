/**
 * Practice exercises: YAML files beside the quizzes (`quizzes/<id>.yaml` with
 * `kind: spot-the-risk` or `kind: rewrite`), used in lessons with `<SpotTheRisk id="…" />`
 * and `<Rewrite id="…" />`. Both languages in one file, like quizzes, so ids and answers are
 * written once. Answers (`risky`, `safe`), explanations and feedback never reach the browser
 * before the learner submits (`./public-view`). Pure module.
 */
import { z } from "zod";
import { LocalizedTextSchema } from "@/lib/content/schemas";
import { SLUG_RE } from "@/lib/content/names";
import { MockPostSchema } from "@/lib/quiz/schema";
import { RiskTagSchema } from "@/lib/quiz/settings";

export const EXERCISE_KINDS = ["spot-the-risk", "rewrite"] as const;
export type ExerciseKind = (typeof EXERCISE_KINDS)[number];

const id = (what: string) =>
  z
    .string({ error: `must be a ${what}: lower-case letters, digits and single hyphens` })
    .max(64, { error: "must be at most 64 characters" })
    .regex(SLUG_RE, { error: `must be a ${what}: lower-case letters, digits and single hyphens` });

/** Where a hotspot sits in the mock post. */
export const HOTSPOT_PLACES = ["photo", "text", "place", "meta"] as const;

export const HotspotSchema = z.strictObject({
  id: id("short id"),
  /** photo: a detail of the picture; text: words of the post; place: the geotag; meta: who/when. */
  place: z.enum(HOTSPOT_PLACES, { error: `must be one of: ${HOTSPOT_PLACES.join(", ")}` }),
  /** What the learner sees (for a photo, a description of the detail). */
  label: LocalizedTextSchema,
  risky: z.boolean({ error: "must be true or false" }),
  explanation: LocalizedTextSchema,
});
export type Hotspot = z.infer<typeof HotspotSchema>;

const unique = <T extends { id: string }>(list: readonly T[], ctx: z.RefinementCtx, path: string) => {
  const seen = new Set<string>();
  list.forEach((x, i) => {
    if (seen.has(x.id)) ctx.addIssue({ code: "custom", path: [path, i, "id"], message: `duplicate id "${x.id}"`, params: { hint: "give each one its own id" } });
    seen.add(x.id);
  });
};

export const SpotTheRiskFileSchema = z
  .strictObject({
    kind: z.literal("spot-the-risk"),
    title: LocalizedTextSchema,
    risk: RiskTagSchema,
    /** The lesson that teaches the point. */
    lesson: id("lesson slug"),
    /** What the learner is asked to do, e.g. "Tocca i dettagli rischiosi". */
    prompt: LocalizedTextSchema,
    post: MockPostSchema,
    hotspots: z.array(HotspotSchema, { error: "must be a list, each item starting with `- id: …`" }).min(3, { error: "must list at least 3 hotspots" }).max(12, { error: "must list at most 12 hotspots" }),
  })
  .superRefine((f, ctx) => {
    unique(f.hotspots, ctx, "hotspots");
    const risky = f.hotspots.filter((h) => h.risky).length;
    if (risky === 0) ctx.addIssue({ code: "custom", path: ["hotspots"], message: "no hotspot is `risky: true`", params: { hint: "mark the risky details with risky: true" } });
    if (risky === f.hotspots.length) ctx.addIssue({ code: "custom", path: ["hotspots"], message: "every hotspot is risky: add harmless details too", params: { hint: "learners must tell risky from harmless, or clicking everything scores" } });
  });
export type SpotTheRiskFile = z.infer<typeof SpotTheRiskFileSchema>;

export const RewriteChoiceSchema = z.strictObject({
  id: id("short id"),
  text: LocalizedTextSchema,
  safe: z.boolean({ error: "must be true or false" }).default(false),
  feedback: LocalizedTextSchema,
});

export const RewriteParagraphSchema = z
  .strictObject({
    id: id("short id"),
    /** The risky wording in the draft. */
    draft: LocalizedTextSchema,
    choices: z.array(RewriteChoiceSchema).length(3, { error: "must list exactly 3 choices" }),
  })
  .superRefine((p, ctx) => {
    unique(p.choices, ctx, "choices");
    const safe = p.choices.filter((c) => c.safe).length;
    if (safe !== 1) ctx.addIssue({ code: "custom", path: ["choices"], message: `${safe} choices are \`safe: true\`; exactly one must be`, params: { hint: "mark the one safer wording with safe: true" } });
  });

export const RewriteFileSchema = z
  .strictObject({
    kind: z.literal("rewrite"),
    title: LocalizedTextSchema,
    risk: RiskTagSchema,
    lesson: id("lesson slug"),
    /** The situation: who writes, for whom. */
    intro: LocalizedTextSchema,
    author: z.string().trim().min(1).max(80),
    audience: LocalizedTextSchema,
    paragraphs: z.array(RewriteParagraphSchema).min(1, { error: "must list at least one paragraph" }).max(8, { error: "must list at most 8 paragraphs" }),
  })
  .superRefine((f, ctx) => unique(f.paragraphs, ctx, "paragraphs"));
export type RewriteFile = z.infer<typeof RewriteFileSchema>;

export const ExerciseFileSchema = z.discriminatedUnion("kind", [SpotTheRiskFileSchema, RewriteFileSchema], { error: "kind must be spot-the-risk or rewrite" });
export type ExerciseFile = z.infer<typeof ExerciseFileSchema>;

/** A validated exercise of a course. */
export type Exercise = ExerciseFile & { id: string; courseSlug: string; file: string; contentHash: string };

/** Whether a quiz folder's YAML text is an exercise (its `kind:` line), before validating it. */
export function isExerciseText(text: string): boolean {
  return /^kind:\s*["']?(spot-the-risk|rewrite)["']?\s*(#.*)?$/m.test(text);
}

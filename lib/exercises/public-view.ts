/**
 * What an exercise looks like in the browser. Before submission only the public shape is
 * sent (no `risky`, `safe`, explanation or feedback); after submission the review adds them,
 * in the learner's language. Pure module.
 */
import type { ContentLocale } from "@/lib/content/names";
import { localized, type LocalizedText } from "@/lib/content/schemas";
import type { ExerciseGrade } from "./grade";
import type { Exercise } from "./schema";

export interface PublicSpotTheRisk {
  kind: "spot-the-risk";
  id: string;
  title: string;
  prompt: string;
  post: { author: string; role?: string; audience: string; time?: string; text: string; reactions?: { likes?: number; comments?: number; shares?: number } };
  hotspots: { id: string; place: "photo" | "text" | "place" | "meta"; label: string }[];
}

export interface PublicRewrite {
  kind: "rewrite";
  id: string;
  title: string;
  intro: string;
  author: string;
  audience: string;
  paragraphs: { id: string; draft: string; choices: { id: string; text: string }[] }[];
}

export type PublicExercise = PublicSpotTheRisk | PublicRewrite;

export function publicExercise(e: Exercise, locale: ContentLocale): PublicExercise {
  const t = (v: LocalizedText) => localized(v, locale);
  if (e.kind === "spot-the-risk") {
    return {
      kind: e.kind,
      id: e.id,
      title: t(e.title),
      prompt: t(e.prompt),
      post: {
        author: e.post.author,
        ...(e.post.role ? { role: t(e.post.role) } : {}),
        audience: t(e.post.audience),
        ...(e.post.time ? { time: t(e.post.time) } : {}),
        text: t(e.post.text),
        ...(e.post.reactions ? { reactions: e.post.reactions } : {}),
      },
      hotspots: e.hotspots.map((h) => ({ id: h.id, place: h.place, label: t(h.label) })),
    };
  }
  return {
    kind: e.kind,
    id: e.id,
    title: t(e.title),
    intro: t(e.intro),
    author: e.author,
    audience: t(e.audience),
    paragraphs: e.paragraphs.map((p) => ({ id: p.id, draft: t(p.draft), choices: p.choices.map((c) => ({ id: c.id, text: t(c.text) })) })),
  };
}

/** One item of the review: whether the learner got it right, and why. */
export interface ExerciseReviewItem {
  itemId: string;
  correct: boolean;
  /** spot-the-risk: "marked" or "unmarked"; rewrite: the choice made (null when none). */
  chosen: string | null;
  /** spot-the-risk: the detail is risky; rewrite: the safe choice's id. */
  answer: string | boolean;
  /** The explanation of the hotspot, or the feedback on the choice made. */
  explanation: string;
}

export interface ExerciseReview {
  score: number;
  items: ExerciseReviewItem[];
}

export function exerciseReview(e: Exercise, grade: ExerciseGrade, locale: ContentLocale): ExerciseReview {
  const t = (v: LocalizedText) => localized(v, locale);
  if (e.kind === "spot-the-risk") {
    return {
      score: grade.score,
      items: e.hotspots.map((h, i) => ({ itemId: h.id, correct: grade.items[i]!.correct, chosen: grade.items[i]!.selected[0] ?? null, answer: h.risky, explanation: t(h.explanation) })),
    };
  }
  return {
    score: grade.score,
    items: e.paragraphs.map((p, i) => {
      const chosen = grade.items[i]!.selected[0] ?? null;
      const choice = p.choices.find((c) => c.id === chosen);
      const safe = p.choices.find((c) => c.safe)!;
      return { itemId: p.id, correct: grade.items[i]!.correct, chosen, answer: safe.id, explanation: t((choice ?? safe).feedback) };
    }),
  };
}

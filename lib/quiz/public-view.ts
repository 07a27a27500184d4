/**
 * What a question looks like outside the server. Before submission only `publicQuestion`'s
 * shape may reach the browser: it has no correct flags, no feedback and no explanation, so
 * answers cannot be read from the page. After submission `reviewQuestion` adds them.
 * Pure module.
 */
import { localized, type LocalizedText } from "@/lib/content/schemas";
import type { ContentLocale } from "@/lib/content/names";
import type { QuestionGrade } from "./grade";
import { shownOptionId } from "./option-keys";
import type { DrawnQuestion, MockPost, Question, QuestionType, RiskTag } from "./types";

/** A mock post with its texts in one language: the props of the `SocialPost` component. */
export interface PublicMockPost {
  author: string;
  role?: string;
  audience: string;
  time?: string;
  /** The post's text: the component's children. */
  text: string;
  reactions?: MockPost["reactions"];
}

export interface PublicOption {
  id: string;
  text: string;
}

/** A question as shown while answering. */
export interface PublicQuestion {
  id: string;
  type: QuestionType;
  risk: RiskTag;
  prompt: string;
  scenario?: { text: string; post?: PublicMockPost };
  options: PublicOption[];
}

export interface ReviewOption extends PublicOption {
  correct: boolean;
  selected: boolean;
  feedback?: string;
}

/** A question as shown after submission, with the learner's choices and the answers. */
export interface ReviewQuestion extends Omit<PublicQuestion, "options"> {
  /** The lesson that teaches the point, to link back to it. */
  lesson: string;
  explanation: string;
  correct: boolean;
  credit: number;
  options: ReviewOption[];
}

/** An option after submission while the key is withheld: its text and whether the learner chose it. */
export interface WithheldReviewOption extends PublicOption {
  selected: boolean;
}

/**
 * A question after submission while the course withholds the key (`finalTest.reviewKeys`):
 * whether the learner got it right and the lesson to review, but not which options are right,
 * their feedback or the explanation.
 */
export interface WithheldReviewQuestion extends Omit<ReviewQuestion, "options" | "explanation"> {
  keysWithheld: true;
  options: WithheldReviewOption[];
}

/** `review` without what gives the key away. */
export function withholdKeys(review: ReviewQuestion): WithheldReviewQuestion {
  return {
    id: review.id,
    type: review.type,
    risk: review.risk,
    prompt: review.prompt,
    ...(review.scenario ? { scenario: review.scenario } : {}),
    lesson: review.lesson,
    correct: review.correct,
    credit: review.credit,
    keysWithheld: true,
    options: review.options.map((o) => ({ id: o.id, text: o.text, selected: o.selected })),
  };
}

/** Texts of true/false options the trainer did not write. */
export const TRUE_FALSE_TEXT: Record<string, LocalizedText> = {
  true: { it: "Vero", en: "True" },
  false: { it: "Falso", en: "False" },
};

/**
 * The question in `locale` (Italian where English is missing), options in the drawn order
 * (ids the question does not have are skipped), each under the id drawn for this attempt
 * (`shownOptionId`), never the authored one. Carries nothing that gives the answer away.
 */
export function publicQuestion(question: Question, drawn: DrawnQuestion, locale: ContentLocale): PublicQuestion {
  const view: PublicQuestion = {
    id: question.id,
    type: question.type,
    risk: question.risk,
    prompt: localized(question.prompt, locale),
    options: ordered(question, drawn.optionOrder).map((o) => ({ id: shownOptionId(drawn, o.id), text: optionText(o, locale) })),
  };
  if (question.scenario) {
    const { text, post } = question.scenario;
    view.scenario = { text: localized(text, locale), ...(post ? { post: publicPost(post, locale) } : {}) };
  }
  return view;
}

/**
 * The question after submission: `publicQuestion` plus the explanation, the lesson slug, and
 * per option whether it is right, whether the learner chose it and its feedback.
 */
export function reviewQuestion(
  question: Question,
  drawn: DrawnQuestion,
  locale: ContentLocale,
  graded: Pick<QuestionGrade, "correct" | "credit" | "selected">,
): ReviewQuestion {
  const base = publicQuestion(question, drawn, locale);
  const chosen = new Set(graded.selected);
  return {
    ...base,
    lesson: question.lesson,
    explanation: localized(question.explanation, locale),
    correct: graded.correct,
    credit: graded.credit,
    options: ordered(question, drawn.optionOrder).map((o) => ({
      id: shownOptionId(drawn, o.id),
      text: optionText(o, locale),
      correct: o.correct,
      selected: chosen.has(o.id),
      ...(o.feedback ? { feedback: localized(o.feedback, locale) } : {}),
    })),
  };
}

function ordered(question: Question, optionOrder: readonly string[]): Question["options"] {
  const byId = new Map(question.options.map((o) => [o.id, o]));
  return [...new Set(optionOrder)].flatMap((id) => {
    const option = byId.get(id);
    return option ? [option] : [];
  });
}

function optionText(option: Question["options"][number], locale: ContentLocale): string {
  const text = option.text ?? TRUE_FALSE_TEXT[option.id];
  return text ? localized(text, locale) : option.id;
}

function publicPost(post: MockPost, locale: ContentLocale): PublicMockPost {
  return {
    author: post.author,
    ...(post.role ? { role: localized(post.role, locale) } : {}),
    audience: localized(post.audience, locale),
    ...(post.time ? { time: localized(post.time, locale) } : {}),
    text: localized(post.text, locale),
    ...(post.reactions ? { reactions: { ...post.reactions } } : {}),
  };
}

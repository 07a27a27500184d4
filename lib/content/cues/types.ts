/**
 * What the cue rules read and what they report, and the helpers every rule shares.
 * Pure module.
 */
import type { FinalTestSettings, Question, QuestionOption, QuizKind } from "@/lib/quiz/types";
import type { PathSegment } from "../yaml-validate";
import type { CueRule, QuestionCueRule } from "./rules";
import type { CueLocale } from "./text";

/** A quiz file as the rules see it: a validated quiz file and how problems name it. */
export interface CueQuiz {
  file: string;
  kind: QuizKind;
  questions: readonly Question[];
}

/** A course as the rules see it: its quiz files and its final-test draw, if any. */
export interface CueCourse {
  quizzes: readonly CueQuiz[];
  finalTest?: Pick<FinalTestSettings, "questions" | "perRisk"> | null;
}

/** One cue found in one file. */
export interface CueFinding {
  rule: CueRule;
  file: string;
  /** YAML key path of what to look at, e.g. `["questions", 3, "options", 1, "text", "it"]`. */
  path: PathSegment[];
  message: string;
  hint?: string;
}

/**
 * Whether a question silenced a rule for itself (`cueExceptions`). The runner passes a
 * function that never silences to find exceptions that are no longer needed.
 */
export type Silenced = (question: Question, rule: QuestionCueRule) => boolean;

/** A rule family: reads a whole course, returns what it found. */
export type CueCheck = (course: CueCourse, silenced: Silenced) => CueFinding[];

export const CUE_LOCALES: readonly CueLocale[] = ["it", "en"];

/** An option's text in `locale`; undefined for true/false options and missing English. */
export function optionText(option: QuestionOption, locale: CueLocale): string | undefined {
  return option.text?.[locale];
}

/** A question's key path in its file. */
export function questionPath(index: number, ...rest: PathSegment[]): PathSegment[] {
  return ["questions", index, ...rest];
}

/** The path of an option's text in `locale`. */
export function optionTextPath(question: number, option: number, locale: CueLocale): PathSegment[] {
  return questionPath(question, "options", option, "text", locale);
}

/** A share as a whole percentage, e.g. "75 %". */
export function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/** The hint every silenceable rule ends with. */
export function silenceHint(rule: QuestionCueRule): string {
  return `if the question is right as it is, add to it \`cueExceptions: [{ rule: ${rule}, reason: "…" }]\``;
}

/** A true/false question's right answer. */
export function trueFalseAnswer(question: Question): boolean {
  return question.options.find((o) => o.id === "true")?.correct === true;
}

/** The reason a question gave for silencing `rule`, or undefined. */
export function exceptionFor(question: Question, rule: QuestionCueRule): string | undefined {
  return question.cueExceptions?.find((e) => e.rule === rule)?.reason;
}

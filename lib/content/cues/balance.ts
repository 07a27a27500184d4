/**
 * Patterns across many questions that a learner can learn instead of the subject:
 * - true-false-balance: in a bank, one answer is right in more than `TRUE_FALSE_MAX_SHARE` of
 *   the true/false items. The banks are the final bank, and the course's lesson checks taken
 *   together (every learner answers all of them, so a habit shows across files).
 * - multiple-key-pattern: every multiple-choice question of the course has 2–3 keys among 4–5
 *   options, so "tick two or three" is always a good bet.
 * Each is reported once per file, at the file's first question that follows the pattern.
 * Pure module.
 */
import type { Question } from "@/lib/quiz/types";
import { MULTIPLE_PATTERN_MIN_QUESTIONS, TRUE_FALSE_MAX_SHARE, TRUE_FALSE_MIN_ITEMS } from "./thresholds";
import { percent, questionPath, silenceHint, trueFalseAnswer, type CueCheck, type CueFinding, type CueQuiz } from "./types";

interface Item {
  quiz: CueQuiz;
  index: number;
  question: Question;
}

function itemsOf(quizzes: readonly CueQuiz[], keep: (q: Question) => boolean): Item[] {
  return quizzes.flatMap((quiz) => quiz.questions.flatMap((question, index) => (keep(question) ? [{ quiz, index, question }] : [])));
}

/** One finding per file, at the first of `items` in that file. */
function oncePerFile(items: readonly Item[], make: (first: Item, inFile: Item[]) => CueFinding): CueFinding[] {
  const byFile = new Map<string, Item[]>();
  for (const item of items) byFile.set(item.quiz.file, [...(byFile.get(item.quiz.file) ?? []), item]);
  return [...byFile.values()].map((inFile) => make(inFile[0]!, inFile));
}

export const trueFalseBalance: CueCheck = (course, silenced) => {
  const banks = [
    ...course.quizzes.filter((q) => q.kind === "final-bank").map((q) => ({ name: "this final bank", quizzes: [q] })),
    { name: "the course's lesson checks together", quizzes: course.quizzes.filter((q) => q.kind === "lesson-check") },
  ];
  const findings: CueFinding[] = [];
  for (const bank of banks) {
    const items = itemsOf(bank.quizzes, (q) => q.type === "true-false" && !silenced(q, "true-false-balance"));
    if (items.length < TRUE_FALSE_MIN_ITEMS) continue;
    const trueItems = items.filter((i) => trueFalseAnswer(i.question));
    const majority = trueItems.length * 2 >= items.length ? { answer: "true", items: trueItems } : { answer: "false", items: items.filter((i) => !trueFalseAnswer(i.question)) };
    const share = majority.items.length / items.length;
    if (share <= TRUE_FALSE_MAX_SHARE) continue;
    findings.push(
      ...oncePerFile(majority.items, (first, inFile) => ({
        rule: "true-false-balance",
        file: first.quiz.file,
        path: questionPath(first.index, "options"),
        message:
          `${majority.items.length} of ${items.length} true/false items of ${bank.name} are ${majority.answer} (${percent(share)}, at most ${percent(TRUE_FALSE_MAX_SHARE)}); ` +
          `${majority.answer} here: ${inFile.map((i) => i.question.id).join(", ")}`,
        hint: `learners learn to answer "${majority.answer}": turn some of these statements around; ${silenceHint("true-false-balance")}`,
      })),
    );
  }
  return findings;
};

/** Two or three keys among four or five options. */
function followsPattern(q: Question): boolean {
  const keys = q.options.filter((o) => o.correct).length;
  return (keys === 2 || keys === 3) && (q.options.length === 4 || q.options.length === 5);
}

export const multipleKeyPattern: CueCheck = (course, silenced) => {
  const items = itemsOf(course.quizzes, (q) => q.type === "multiple" && !silenced(q, "multiple-key-pattern"));
  if (items.length < MULTIPLE_PATTERN_MIN_QUESTIONS || !items.every((i) => followsPattern(i.question))) return [];
  return oncePerFile(items, (first, inFile) => ({
    rule: "multiple-key-pattern",
    file: first.quiz.file,
    path: questionPath(first.index, "options"),
    message: `all ${items.length} multiple-choice questions of the course have 2–3 right options among 4–5 (${inFile.length} in this file: ${inFile.map((i) => i.question.id).join(", ")})`,
    hint: `"tick two or three" always scores: write some questions with one right option, with all but one right, or with 3 or 6+ options; ${silenceHint("multiple-key-pattern")}`,
  }));
};

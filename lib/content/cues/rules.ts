/**
 * The names of the cue rules `content:check` applies to quiz files (see `lib/content/cues/`).
 * Kept in a module without imports so the quiz schema can validate `cueExceptions` against it
 * without an import cycle. Pure module.
 */

/** Rules a question can silence for itself with `cueExceptions`, each with a one-line summary. */
export const QUESTION_CUE_RULES = {
  "key-longest": "the key is the longest option in too many single-choice questions of a file",
  "key-stem-overlap": "the key repeats a distinctive word of the question that no distractor repeats",
  "key-length-ratio": "the key is much longer than the mean distractor",
  "absolute-words": "absolute words (always, never, only…) mark the wrong answers",
  "true-false-balance": "one answer (true or false) dominates the true/false items",
  "all-none-of-the-above": "an option says \"all of the above\" or \"none of the above\"",
  "too-few-options": "a single-choice question with fewer than three options",
  "near-duplicate-options": "two options say nearly the same thing",
  "multiple-key-pattern": "multiple-choice keys are always 2–3 of 4–5 options",
} as const;

export type QuestionCueRule = keyof typeof QUESTION_CUE_RULES;
export const QUESTION_CUE_RULE_NAMES = Object.keys(QUESTION_CUE_RULES) as [QuestionCueRule, ...QuestionCueRule[]];

/**
 * Rules about a whole file or course, which no single question can silence: a final bank that
 * cannot fill the draw, and text copied from the course's source article.
 */
export const FILE_CUE_RULES = {
  "final-draw": "the final bank cannot fill the per-risk draw with distinct questions",
  "source-copy": "a sentence copies eight or more words in a row from the source article",
} as const;

export type FileCueRule = keyof typeof FILE_CUE_RULES;
export type CueRule = QuestionCueRule | FileCueRule;

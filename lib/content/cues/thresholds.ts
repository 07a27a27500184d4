/**
 * Every number the cue checker decides with, in one place. Change a threshold here, with its
 * reason, and the rules, the tests and the trainers' guide (content/README.md) follow.
 * Pure module.
 */

/**
 * key-longest: the key may be the longest option in at most this share of a file's
 * single-choice questions. With 3 options and no cue the key is longest about a third of the
 * time; 40 % leaves room for chance in a short file but catches the habit of making the right
 * answer the most careful (and so the longest) sentence.
 */
export const KEY_LONGEST_MAX_SHARE = 0.4;

/**
 * key-longest: a file needs at least this many single-choice questions before the share is
 * judged. With 1 or 2 questions any key that happens to be longest is 50–100 %: chance, not
 * a habit.
 */
export const KEY_LONGEST_MIN_QUESTIONS = 3;

/**
 * key-longest: options whose lengths differ by at most this many characters count as equally
 * long, so a key one comma longer than a distractor is not "the longest".
 */
export const KEY_LONGEST_TIE_CHARACTERS = 3;

/**
 * key-length-ratio: the key may be at most this many times as long (in characters) as the
 * mean of the distractors. Beyond 1.5× the difference is visible at a glance, and test-wise
 * learners pick the most detailed option.
 */
export const KEY_LENGTH_MAX_RATIO = 1.5;

/**
 * key-stem-overlap: words shorter than this (after stemming) are never "distinctive": short
 * stems ("post", "dat") match too many unrelated words.
 */
export const DISTINCTIVE_MIN_LENGTH = 4;

/**
 * absolute-words: distractors may use absolute words at most this many times as often (share
 * of texts containing one) as keys do. The cue is the asymmetry: "never" and "always" are
 * fine when they are as likely to be right as wrong.
 */
export const ABSOLUTE_MAX_RATE_RATIO = 2;

/**
 * absolute-words: at least this many distractor texts of a file (per language) must contain an
 * absolute word before the rule judges: one such distractor in a file is not a pattern a
 * learner can exploit.
 */
export const ABSOLUTE_MIN_DISTRACTORS = 2;

/**
 * true-false-balance: neither answer may be right in more than this share of a bank's
 * true/false items. Writers tend to make false statements (they are easier to write), and
 * learners learn to guess "false".
 */
export const TRUE_FALSE_MAX_SHARE = 0.65;

/**
 * true-false-balance: a bank needs at least this many true/false items before the share is
 * judged (with 3 items the best split, 2–1, is already 67 %).
 */
export const TRUE_FALSE_MIN_ITEMS = 4;

/**
 * near-duplicate-options: two options of a question whose word sets (lower-case, accents and
 * punctuation removed, stemmed, stop words kept) overlap by at least this Jaccard index
 * (shared words / all words) say nearly the same thing: learners either cannot tell them apart
 * or rule both out at once.
 */
export const NEAR_DUPLICATE_MIN_JACCARD = 0.8;

/**
 * multiple-key-pattern: the course's multiple-choice questions are judged once there are at
 * least this many; with fewer no pattern can be learnt.
 */
export const MULTIPLE_PATTERN_MIN_QUESTIONS = 3;

/**
 * single-choice questions need at least this many options: with two, guessing scores 50 %.
 */
export const SINGLE_MIN_OPTIONS = 3;

/**
 * final-draw: two questions of a final bank whose scenario, prompt and key (Italian, stemmed
 * word sets) overlap by at least this Jaccard index are the same question reworded; a draw
 * may then ask it twice, so they count once.
 */
export const SAME_QUESTION_MIN_JACCARD = 0.8;

/**
 * source-copy: a sentence sharing this many consecutive words with the source article is a
 * copy. Eight words in a row almost never recur by chance in Italian prose, while shorter
 * runs catch set phrases ("dal punto di vista del").
 */
export const SOURCE_NGRAM_WORDS = 8;

/** A cueException's reason must say something: at least this many characters. */
export const EXCEPTION_REASON_MIN_LENGTH = 15;

/**
 * Runs every cue rule over a course and applies the questions' `cueExceptions`. Pure module:
 * content:check (`./check-cues`) positions the results in the files and decides their severity.
 */
import { absoluteWords } from "./absolute-words";
import { multipleKeyPattern, trueFalseBalance } from "./balance";
import { finalDraw } from "./final-draw";
import { keyLengthRatio, keyLongest } from "./length";
import { allNoneOfTheAbove, nearDuplicateOptions, tooFewOptions } from "./options";
import { keyStemOverlap } from "./stem-overlap";
import { exceptionFor, questionPath, type CueCheck, type CueCourse, type CueFinding, type Silenced } from "./types";
import type { PathSegment } from "../yaml-validate";

/** Every rule family, in the order findings are listed. */
export const CUE_CHECKS: readonly CueCheck[] = [
  keyLongest,
  keyStemOverlap,
  keyLengthRatio,
  absoluteWords,
  trueFalseBalance,
  allNoneOfTheAbove,
  tooFewOptions,
  nearDuplicateOptions,
  multipleKeyPattern,
  finalDraw,
];

/** A rule a question silenced, with the author's reason, for the report. */
export interface CueExceptionNote {
  file: string;
  path: PathSegment[];
  message: string;
}

export interface CueResult {
  findings: CueFinding[];
  exceptions: CueExceptionNote[];
}

/** All cues of `course`, minus those its questions silenced; and one note per silenced rule. */
export function findCues(course: CueCourse, checks: readonly CueCheck[] = CUE_CHECKS): CueResult {
  const silenced: Silenced = (q, rule) => exceptionFor(q, rule) !== undefined;
  const findings = checks.flatMap((check) => check(course, silenced));
  const exceptions: CueExceptionNote[] = [];
  for (const quiz of course.quizzes) {
    quiz.questions.forEach((q, i) => {
      q.cueExceptions?.forEach((e, k) => {
        exceptions.push({
          file: quiz.file,
          path: questionPath(i, "cueExceptions", k, "rule"),
          message: `cue ${e.rule} silenced for "${q.id}": ${e.reason}`,
        });
      });
    });
  }
  return { findings, exceptions };
}

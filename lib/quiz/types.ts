/**
 * Types of the quiz domain. Schema-derived types come from `./schema` and `./settings`; `Quiz`
 * adds what the content scan knows about the file. Pure module.
 */
import type { QuizFile } from "./schema";

export type { FinalTestSettings, PerRisk, RiskTag } from "./settings";
export type {
  DrawnQuestion,
  MockPost,
  Question,
  QuestionOption,
  QuestionType,
  QuizFile,
  QuizKind,
  Scenario,
} from "./schema";

/** A validated quiz file of a course, as the catalog holds it. */
export type Quiz = QuizFile & {
  /** The file name without `.yaml`: unique within the course. */
  id: string;
  courseSlug: string;
  /** Path of the file, relative to the repository root (see `displayPath`). */
  file: string;
  /** sha256 (hex) of the file's raw bytes: store it with each attempt. */
  contentHash: string;
};

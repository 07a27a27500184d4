/**
 * The quiz domain: schemas of quiz files and final-test settings, drawing, answer checks,
 * grading and the views of a question for the browser. Pure functions, except `cryptoRandom`
 * (the operating system's random source). Quizzes themselves are loaded by the content
 * catalog (`lib/content`: `getQuiz`, `lessonCheckFor`, `finalBank`).
 */
export {
  DrawnQuestionListSchema,
  DrawnQuestionSchema,
  MAX_ID_LENGTH,
  MAX_OPTIONS,
  MockPostSchema,
  QUESTION_TYPES,
  QuestionOptionSchema,
  QuestionSchema,
  QuestionTypeSchema,
  QUIZ_KINDS,
  QuizFileSchema,
  QuizKindSchema,
  ScenarioSchema,
  TRUE_FALSE_IDS,
} from "./schema";
export {
  FinalTestSettingsSchema,
  MAX_FINAL_QUESTIONS,
  PerRiskSchema,
  perRiskTotal,
  RISK_TAGS,
  RiskTagSchema,
} from "./settings";
export type * from "./types";
export { cryptoRandom, drawFinalTest, drawQuestion, lessonCheckDraw, mulberry32, shuffle, type Rng } from "./draw";
export { gradeAttempt, gradeQuestion, questionMap, type GradeOptions, type GradeResult, type QuestionGrade } from "./grade";
export { AnswersSchema, validateAnswers, type AnswerError, type AnswerErrorCode, type AnswerValidation } from "./validate-answers";
export {
  publicQuestion,
  reviewQuestion,
  type PublicMockPost,
  type PublicOption,
  type PublicQuestion,
  type ReviewOption,
  type ReviewQuestion,
} from "./public-view";

/**
 * The content layer: courses, lessons and quizzes read from `content/`, compiled MDX, assets.
 * Quiz logic (draw, grading, public views) lives in `lib/quiz`.
 * Server-only entry point; pure helpers (names, asset URLs, schemas) can also be imported
 * from their own modules in client code.
 */
import "server-only";

export { clearCatalogCache, loadCatalog, type Catalog, type Course, type Lesson, type LessonVariant, type Quiz } from "./catalog";
export { finalBank, getCourse, getLesson, getQuiz, lessonCheckFor, lessonVariant, publishedCourses, publishedLessons } from "./lookup";
export { QUIZ_DIR } from "./quizzes";
export {
  clearCompileMemoryCache,
  compileCacheDir,
  compileLesson,
  compileStats,
  LessonCompileError,
  resetCompileStats,
  type CompiledLesson,
} from "./compile";
export { resolveCourseAsset, type ResolvedAsset } from "./assets";
export { ASSET_DIR, courseAssetUrl, isSafeAssetName } from "./asset-names";
export { checkContent, type ContentCheckReport } from "./check";
export { CONTENT_LOCALES, isContentLocale, isSafeSlug, lessonPath, SOURCE_LOCALE, type ContentLocale } from "./names";
export { formatProblem, hasErrors, type Problem, type ProblemSeverity } from "./problems";
export {
  localized,
  type CompletionRules,
  type ContentStatus,
  type CourseFile,
  type LessonFrontmatter,
  type LocalizedList,
  type LocalizedText,
} from "./schemas";

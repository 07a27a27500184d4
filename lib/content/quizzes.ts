import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ExerciseFileSchema, isExerciseText, type Exercise } from "@/lib/exercises/schema";
import { QuizFileSchema } from "@/lib/quiz/schema";
import { RISK_TAGS, type FinalTestSettings } from "@/lib/quiz/settings";
import type { Quiz, QuizFile } from "@/lib/quiz/types";
import { isSafeSlug } from "./names";
import { displayPath } from "./paths";
import type { Problem } from "./problems";
import type { CourseFile, LocalizedText } from "./schemas";
import type { Lesson } from "./scan";
import { pathLabel, validateYaml, type PathSegment, type YamlLocator } from "./yaml-validate";

/** The folder of a course that holds its quiz files. */
export const QUIZ_DIR = "quizzes";

/** Keys whose values are `it:`/`en:` texts in quiz files, for a more helpful hint. */
const QUIZ_LOCALIZED_KEYS = ["title", "prompt", "explanation", "text", "feedback", "audience", "role", "time"];

export interface CourseQuizzes {
  /** Valid quiz files, by file name. A file with any error is left out. */
  quizzes: Quiz[];
  /** The course's final-test settings, only when they and a fitting final bank both exist. */
  finalTest: FinalTestSettings | null;
  /** Valid practice exercises (`kind: spot-the-risk` or `rewrite` files in the same folder). */
  exercises: Exercise[];
}

interface QuizRecord {
  quiz: Quiz;
  locate: YamlLocator;
}

interface CourseContext {
  slug: string;
  dir: string;
  /** null when `course.yaml` is invalid: quiz files are still checked on their own. */
  meta: CourseFile | null;
  /** Locates keys in `course.yaml` (null when it is invalid). */
  locateCourse: YamlLocator | null;
  lessons: readonly Lesson[];
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads `<course>/quizzes/*.yaml`, validates each file, then checks what spans files: lessons
 * referred to, question ids unique across the course, one lesson check per lesson, at most one
 * final bank, and a final bank that can serve `finalTest` from `course.yaml`. Problems are
 * appended to `problems`; never throws because of content.
 */
export function scanQuizzes(course: CourseContext, problems: Problem[]): CourseQuizzes {
  const dir = path.join(course.dir, QUIZ_DIR);
  const exercises: (Exercise & { lessonLine: number })[] = [];
  const records = readQuizFiles(course.slug, dir, problems, exercises);
  const quizzes = crossCheck(records, course, problems);
  const finalTest = resolveFinalTest(quizzes, course, problems);
  return { quizzes: quizzes.map((r) => r.quiz), finalTest, exercises: checkExercises(exercises, course, problems) };
}

/** Exercises whose lesson exists; the others are reported and left out. */
function checkExercises(exercises: (Exercise & { lessonLine: number })[], course: CourseContext, problems: Problem[]): Exercise[] {
  const lessons = new Set(course.lessons.map((l) => l.slug));
  const kept: Exercise[] = [];
  for (const { lessonLine, ...e } of exercises) {
    if (lessons.has(e.lesson)) kept.push(e as Exercise);
    else problems.push({ file: e.file, line: lessonLine, column: 1, severity: "error", message: `lesson: unknown lesson "${e.lesson}"`, hint: `lessons of ${course.slug}: ${[...lessons].join(", ") || "(none)"}` });
  }
  return kept;
}

function readQuizFiles(courseSlug: string, dir: string, problems: Problem[], exercises: (Exercise & { lessonLine: number })[]): QuizRecord[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return []; // quizzes are optional
  }
  const records: QuizRecord[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const abs = path.join(dir, entry.name);
    const file = displayPath(abs);
    const at1 = (severity: Problem["severity"], message: string, hint?: string): Problem => ({ file, line: 1, column: 1, severity, message, ...(hint ? { hint } : {}) });
    if (entry.isDirectory()) {
      problems.push(at1("warning", "unexpected folder in quizzes/: quiz files sit directly in it"));
      continue;
    }
    const ext = path.extname(entry.name);
    const id = entry.name.slice(0, -ext.length);
    if (ext === ".yml") {
      problems.push(at1("error", `quiz files end in .yaml: "${entry.name}" is ignored`, `rename it to ${id}.yaml`));
      continue;
    }
    if (ext !== ".yaml") {
      problems.push(at1("warning", "unexpected file in quizzes/: only .yaml quiz files are read"));
      continue;
    }
    if (!isSafeSlug(id)) {
      problems.push(at1("error", `quiz file name "${entry.name}" is not a valid slug; the file is ignored`, "use lower-case letters, digits and single hyphens, e.g. never-private-check.yaml"));
      continue;
    }
    let bytes: Buffer;
    let text: string;
    try {
      bytes = fs.readFileSync(abs);
      text = utf8.decode(bytes);
    } catch (e) {
      problems.push(e instanceof TypeError ? at1("error", "the file is not valid UTF-8 text", "save it as UTF-8") : at1("error", `could not read the quiz: ${(e as Error).message}`));
      continue;
    }
    if (isExerciseText(text)) {
      const exercise = validateYaml(text.replace(/^\uFEFF/, ""), ExerciseFileSchema, { file, localizedKeys: [...QUIZ_LOCALIZED_KEYS, "label", "draft", "intro", "prompt"] });
      problems.push(...exercise.problems);
      if (exercise.ok) exercises.push({ ...exercise.data, id, courseSlug, file, contentHash: createHash("sha256").update(bytes).digest("hex"), lessonLine: exercise.locate(["lesson"]).line });
      continue;
    }
    const result = validateYaml(text.replace(/^\uFEFF/, ""), QuizFileSchema, { file, localizedKeys: QUIZ_LOCALIZED_KEYS });
    problems.push(...result.problems);
    if (!result.ok) continue;
    const quiz: Quiz = { ...result.data, id, courseSlug, file, contentHash: createHash("sha256").update(bytes).digest("hex") };
    records.push({ quiz, locate: result.locate });
  }
  return records;
}

/** Rules across files. A file breaking one is reported and left out. */
function crossCheck(records: QuizRecord[], course: CourseContext, problems: Problem[]): QuizRecord[] {
  const lessons = new Map(course.lessons.map((l) => [l.slug, l]));
  const lessonList = course.lessons.map((l) => l.slug).join(", ") || "(none)";
  const questionFirstSeen = new Map<string, string>();
  const checkOf = new Map<string, string>();
  let bank: string | null = null;
  const kept: QuizRecord[] = [];

  for (const { quiz, locate } of records) {
    let broken = false;
    const report = (severity: Problem["severity"], p: readonly PathSegment[], message: string, hint?: string) => {
      if (severity === "error") broken = true;
      problems.push({ file: quiz.file, ...locate(p), severity, message: `${pathLabel(p)}: ${message}`, ...(hint ? { hint } : {}), path: [...p] });
    };

    if (quiz.kind === "lesson-check" && quiz.lesson !== undefined) {
      if (!lessons.has(quiz.lesson)) {
        report("error", ["lesson"], `unknown lesson "${quiz.lesson}"`, `lessons of ${course.slug}: ${lessonList}`);
      } else if (checkOf.has(quiz.lesson)) {
        report("error", ["lesson"], `lesson "${quiz.lesson}" already has a lesson check (${checkOf.get(quiz.lesson)})`, "a lesson has at most one check: merge the questions into one file");
      } else {
        checkOf.set(quiz.lesson, shortName(quiz));
      }
    }
    if (quiz.kind === "final-bank") {
      if (bank !== null) report("error", ["kind"], `the course already has a final bank (${bank})`, "keep all final-test questions in one final-bank file");
      else bank = shortName(quiz);
    }

    quiz.questions.forEach((q, i) => {
      const first = questionFirstSeen.get(q.id);
      if (first !== undefined) {
        report("error", ["questions", i, "id"], `duplicate question id "${q.id}": already used at ${first}`, "question ids must be unique across all quiz files of the course");
      } else {
        const { line } = locate(["questions", i, "id"]);
        questionFirstSeen.set(q.id, `${shortName(quiz)}:${line}`);
      }
      const lesson = lessons.get(q.lesson);
      if (!lesson) {
        report("error", ["questions", i, "lesson"], `unknown lesson "${q.lesson}" (question "${q.id}")`, `lessons of ${course.slug}: ${lessonList}`);
      } else if (lesson.status === "draft" && course.meta?.status === "published") {
        report("warning", ["questions", i, "lesson"], `lesson "${q.lesson}" is a draft (question "${q.id}")`, "the review links to it, and learners cannot open it until it is published");
      }
    });

    englishWarnings(quiz, locate, problems);
    if (!broken) kept.push({ quiz, locate });
  }
  return kept;
}

function resolveFinalTest(records: QuizRecord[], course: CourseContext, problems: Problem[]): FinalTestSettings | null {
  if (!course.meta || !course.locateCourse) return null;
  const settings = course.meta.finalTest;
  const bank = records.find((r) => r.quiz.kind === "final-bank");
  const courseFile = displayPath(path.join(course.dir, "course.yaml"));
  const locateCourse = course.locateCourse;
  const courseProblem = (p: PathSegment[], message: string, hint: string, preferKey = false) => {
    problems.push({ file: courseFile, ...locateCourse(p, { preferKey }), severity: "error", message: `${pathLabel(p)}: ${message}`, hint, path: p });
  };

  if (!settings) {
    if (bank) {
      problems.push({
        file: bank.quiz.file, ...bank.locate(["kind"]), severity: "error", path: ["kind"],
        message: "kind: a final bank needs `finalTest:` settings in course.yaml; there is no final test",
        hint: "add `finalTest:` with at least `questions:` to course.yaml, or make this file a lesson-check",
      });
    }
    return null;
  }
  if (!bank) {
    courseProblem(["finalTest"], "there is no valid final bank, so there is no final test", `add ${QUIZ_DIR}/final.yaml with \`kind: final-bank\`, or remove \`finalTest:\``, true);
    return null;
  }

  let fits = true;
  const questions = bank.quiz.questions;
  if (questions.length < settings.questions) {
    fits = false;
    courseProblem(["finalTest", "questions"], `asks for ${settings.questions} questions but the final bank ${shortName(bank.quiz)} has only ${questions.length}`, "add questions to the bank or lower finalTest.questions");
  }
  for (const risk of RISK_TAGS) {
    const wanted = settings.perRisk?.[risk] ?? 0;
    const have = questions.filter((q) => q.risk === risk).length;
    if (have < wanted) {
      fits = false;
      courseProblem(["finalTest", "perRisk", risk], `asks for ${wanted} questions about ${risk} but the final bank has ${have}`, `add questions with \`risk: ${risk}\` to the bank or lower this minimum`);
    }
  }
  return fits ? settings : null;
}

/** `quizzes/<id>.yaml`: how messages name another quiz file of the same course. */
function shortName(quiz: Quiz): string {
  return `${QUIZ_DIR}/${quiz.id}.yaml`;
}

/** Localised texts of a quiz, with their key paths, in document order. */
function localizedFields(quiz: QuizFile): { path: PathSegment[]; value: LocalizedText }[] {
  const fields: { path: PathSegment[]; value: LocalizedText }[] = [{ path: ["title"], value: quiz.title }];
  quiz.questions.forEach((q, i) => {
    const add = (rest: PathSegment[], value: LocalizedText | undefined) => {
      if (value) fields.push({ path: ["questions", i, ...rest], value });
    };
    add(["scenario", "text"], q.scenario?.text);
    const post = q.scenario?.post;
    if (post) {
      add(["scenario", "post", "role"], post.role);
      add(["scenario", "post", "audience"], post.audience);
      add(["scenario", "post", "time"], post.time);
      add(["scenario", "post", "text"], post.text);
    }
    add(["prompt"], q.prompt);
    add(["explanation"], q.explanation);
    q.options.forEach((o, j) => {
      add(["options", j, "text"], o.text);
      add(["options", j, "feedback"], o.feedback);
    });
  });
  return fields;
}

/**
 * Warns about texts without English: one warning for a file with no English at all, otherwise
 * one for the title and one per question, listing the texts that lack it.
 */
function englishWarnings(quiz: Quiz, locate: YamlLocator, problems: Problem[]): void {
  const fields = localizedFields(quiz);
  const missing = fields.filter((f) => f.value.en === undefined);
  if (missing.length === 0) return;
  const hint = "add an `en:` line under each; until then learners taking the course in English see the Italian text";
  if (missing.length === fields.length) {
    problems.push({ file: quiz.file, ...locate(["title"], { preferKey: true }), severity: "warning", message: "no English texts in this quiz", hint });
    return;
  }
  const groups = new Map<string, typeof missing>();
  for (const f of missing) {
    const key = f.path[0] === "questions" ? `q${String(f.path[1])}` : "title";
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const group of groups.values()) {
    const first = group[0]!;
    const inQuestion = first.path[0] === "questions";
    const prefix = inQuestion ? first.path.slice(0, 2) : [];
    const names = group.map((f) => pathLabel(f.path.slice(prefix.length)));
    const question = inQuestion ? quiz.questions[first.path[1] as number] : undefined;
    problems.push({
      file: quiz.file,
      ...locate(first.path, { preferKey: true }),
      severity: "warning",
      message: inQuestion
        ? `${pathLabel(prefix)}: no English text for ${names.join(", ")} (question "${question?.id ?? ""}")`
        : "title: no English text",
      hint,
    });
  }
}

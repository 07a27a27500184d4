import "server-only";
import fs from "node:fs";
import path from "node:path";
import { ASSET_DIR } from "./asset-names";
import { analyzeLesson } from "./compile";
import { checkCompanyTexts } from "./company-texts-check";
import { checkDeclaration } from "./declaration-check";
import { checkCues } from "./cues/check-cues";
import { lessonPath } from "./names";
import { defaultContentRoot } from "./paths";
import { sortProblems, type Problem } from "./problems";
import { scanContent, type Lesson, type LessonVariant, type ScannedCourse } from "./scan";

/** What `content:check` found. */
export interface ContentCheckReport {
  problems: Problem[];
  courses: number;
  lessons: number;
  /** Valid quiz files. */
  quizzes: number;
  /** Valid practice exercise files (in the quizzes/ folders too). */
  exercises: number;
  /** Lesson files compiled. */
  files: number;
}

/**
 * Validates a whole content tree: `course.yaml` files, lesson names and frontmatter, quiz files
 * and final-test settings (through the same scan the catalog uses), then compiles every lesson file to find MDX syntax errors,
 * forbidden components and props, links to unknown lessons and missing assets, and runs the cue
 * rules over quizzes and the source-copy rule over every text (`./cues`). Never throws
 * because of content: each file is checked on its own and failures become problems.
 */
export async function checkContent(root: string = defaultContentRoot(), options: { concurrency?: number } = {}): Promise<ContentCheckReport> {
  const scan = scanContent(root);
  const cues = checkCues(scan);
  const problems: Problem[] = [...scan.problems, ...checkCompanyTexts(root), ...checkDeclaration(root), ...cues.problems];
  const lessonStatus = new Map<string, Map<string, Lesson["status"]>>();
  for (const c of scan.courses) lessonStatus.set(c.slug, new Map(c.lessons.map((l) => [l.slug, l.status])));

  const jobs: { course: ScannedCourse; lesson: Lesson; variant: LessonVariant }[] = [];
  for (const course of scan.courses) {
    for (const lesson of course.lessons) {
      for (const variant of [lesson.locales.it, lesson.locales.en]) {
        if (variant) jobs.push({ course, lesson, variant });
      }
    }
  }

  await runLimited(jobs, options.concurrency ?? 4, async ({ course, lesson, variant }) => {
    try {
      const analysis = await analyzeLesson(variant);
      problems.push(...analysis.problems);
      for (const link of analysis.findings.lessonLinks) {
        const at = { file: variant.file, line: link.line, column: link.column };
        const lessons = lessonStatus.get(link.courseSlug);
        if (!lessons) {
          problems.push({ ...at, severity: "error", message: `link to unknown course: ${link.url}`, hint: "check the course folder name in content/courses/" });
        } else if (link.lessonSlug !== null && !lessons.has(link.lessonSlug)) {
          problems.push({
            ...at,
            severity: "error",
            message: `link to unknown lesson: ${link.url}`,
            hint: lessons.size > 0 ? `lessons of ${link.courseSlug}: ${[...lessons.keys()].map((s) => lessonPath(link.courseSlug, s)).join(", ")}` : undefined,
          });
        } else if (link.lessonSlug !== null && lessons.get(link.lessonSlug) === "draft" && lesson.status === "published") {
          problems.push({ ...at, severity: "warning", message: `link to a draft lesson: ${link.url}`, hint: "learners cannot open it until it is published" });
        }
      }
      for (const ref of analysis.findings.exercises) {
        const exercise = course.exercises.find((e) => e.id === ref.id);
        const kind = ref.component === "SpotTheRisk" ? "spot-the-risk" : "rewrite";
        if (!exercise || exercise.kind !== kind) {
          const fitting = course.exercises.filter((e) => e.kind === kind).map((e) => e.id);
          problems.push({
            file: variant.file, line: ref.line, column: ref.column, severity: "error",
            message: exercise ? `<${ref.component}> id: "${ref.id}" is a ${exercise.kind} exercise` : `<${ref.component}> id: no exercise "${ref.id}" in quizzes/`,
            hint: fitting.length > 0 ? `${kind} exercises of ${course.slug}: ${fitting.join(", ")}` : `write quizzes/${ref.id}.yaml with kind: ${kind}`,
          });
        }
      }
      for (const asset of analysis.findings.assets) {
        const abs = path.join(course.dir, ASSET_DIR, asset.fileName);
        if (!isFile(abs)) {
          problems.push({
            file: variant.file, line: asset.line, column: asset.column, severity: "error",
            message: `missing image: ${ASSET_DIR}/${asset.fileName} does not exist`,
            hint: `put the file in content/courses/${course.slug}/${ASSET_DIR}/ (names are case-sensitive)`,
          });
        }
      }
    } catch (e) {
      problems.push({ file: variant.file, line: 1, column: 1, severity: "error", message: `could not check the lesson: ${(e as Error).message}` });
    }
  });

  return {
    problems: sortProblems(problems),
    courses: scan.courses.length,
    lessons: scan.courses.reduce((n, c) => n + c.lessons.length, 0),
    quizzes: scan.courses.reduce((n, c) => n + c.quizzes.length, 0),
    exercises: scan.courses.reduce((n, c) => n + c.exercises.length, 0),
    files: jobs.length,
  };
}

function isFile(abs: string): boolean {
  try {
    return fs.statSync(abs).isFile();
  } catch {
    return false;
  }
}

async function runLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

import "server-only";
import fs from "node:fs";
import path from "node:path";
import { QuizFileSchema } from "@/lib/quiz/schema";
import { displayPath } from "../paths";
import type { Problem } from "../problems";
import type { ContentScan, ScannedCourse } from "../scan";
import { pathLabel, validateYaml, type PathSegment, type YamlLocator } from "../yaml-validate";
import { findCues } from "./run";
import { copiedSentences } from "./source-copy";
import { readSourceNgrams, SOURCE_NGRAMS_FILE } from "./source-ngrams";
import type { CueRule } from "./rules";

export interface CueCheckOptions {
  /** The source article's 8-gram hashes (default: the committed list). */
  sourceNgrams?: ReadonlySet<string> | null;
}

export interface CueCheckReport {
  problems: Problem[];
}

/**
 * The cue rules and the source-copy rule over a scanned content tree, as problems positioned
 * in the files, all errors; each silenced rule is a note with its reason. Files that failed validation are not looked at
 * (their problems are already reported).
 */
export function checkCues(scan: ContentScan, options: CueCheckOptions = {}): CueCheckReport {
  const ngrams = options.sourceNgrams === undefined ? readSourceNgrams() : options.sourceNgrams;
  const problems: Problem[] = [];
  if (ngrams === null) {
    problems.push({ file: displayPath(SOURCE_NGRAMS_FILE), line: 1, column: 1, severity: "error", message: "source-copy: the hash list of the source article is missing", hint: "run npx tsx scripts/source-ngrams.ts <article.txt>" });
  }

  for (const course of scan.courses) {
    const push = (p: Omit<Problem, "severity" | "message">, rule: CueRule, message: string) => {
      problems.push({ ...p, severity: "error", message: `cue ${rule}: ${message}` });
    };
    const locators = quizLocators(course);
    const { findings, exceptions } = findCues({
      quizzes: course.quizzes.map((q) => ({ file: q.file, kind: q.kind, questions: q.questions })),
      finalTest: course.finalTest,
    });
    for (const f of findings) {
      push({ file: f.file, ...at(locators, f.file, f.path), ...(f.hint ? { hint: f.hint } : {}), path: f.path }, f.rule, `${pathLabel(f.path)}: ${f.message}`);
    }
    for (const e of exceptions) {
      problems.push({ file: e.file, ...at(locators, e.file, e.path), severity: "note", message: `${pathLabel(e.path.slice(0, 2))}: ${e.message}`, path: e.path });
    }
    if (ngrams) {
      for (const file of courseTextFiles(course)) {
        for (const copy of copiesIn(file, ngrams)) push(copy, "source-copy", copy.message);
      }
    }
  }
  if (ngrams) {
    for (const file of [path.join(scan.root, "policy", "policy.yaml"), path.join(scan.root, "privacy", "notice.yaml")]) {
      for (const copy of copiesIn(displayPath(file), ngrams)) {
        problems.push({ ...copy, severity: "error", message: `cue source-copy: ${copy.message}` });
      }
    }
  }
  return { problems };
}

/** Lesson files (both languages) and quiz files of a course. */
function courseTextFiles(course: ScannedCourse): string[] {
  const lessons = course.lessons.flatMap((l) => [l.locales.it.file, ...(l.locales.en ? [l.locales.en.file] : [])]);
  return [...lessons, ...course.quizzes.map((q) => q.file)];
}

function copiesIn(file: string, ngrams: ReadonlySet<string>): (Omit<Problem, "severity"> & { message: string })[] {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(file), "utf8");
  } catch {
    return []; // a missing policy or notice is not this rule's business
  }
  return copiedSentences(file.endsWith(".mdx") ? withoutSources(text) : text, ngrams).map((c) => ({
    file,
    line: c.line,
    column: c.column,
    message: `sentence copied from the source article (${c.copiedWords} words in runs of 8 or more): "${c.excerpt}"`,
    hint: "say it in your own words: the course must not reproduce the article's text",
  }));
}

/**
 * A lesson with the items of its frontmatter's `sources:` blanked (lines kept, so positions
 * hold): citing the article's title there is a reference, not a copy.
 */
function withoutSources(text: string): string {
  const lines = text.split("\n");
  if (lines[0]?.trim() !== "---") return text;
  let inSources = false;
  for (let i = 1; i < lines.length && lines[i]!.trim() !== "---"; i++) {
    if (/^\S/.test(lines[i]!)) inSources = /^sources:/.test(lines[i]!);
    else if (inSources) lines[i] = "";
  }
  return lines.join("\n");
}

/** Key-path locators of the course's valid quiz files, by display path. */
function quizLocators(course: ScannedCourse): Map<string, YamlLocator> {
  const locators = new Map<string, YamlLocator>();
  for (const quiz of course.quizzes) {
    try {
      const text = fs.readFileSync(path.resolve(quiz.file), "utf8").replace(/^\uFEFF/, "");
      const result = validateYaml(text, QuizFileSchema, { file: quiz.file });
      if (result.ok) locators.set(quiz.file, result.locate);
    } catch {
      // unreadable since the scan: findings fall back to line 1
    }
  }
  return locators;
}

function at(locators: Map<string, YamlLocator>, file: string, p: PathSegment[]): { line: number; column: number } {
  return locators.get(file)?.(p) ?? { line: 1, column: 1 };
}

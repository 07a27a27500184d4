import "server-only";
import fs from "node:fs";
import path from "node:path";
import { defaultContentRoot } from "./paths";
import type { Problem } from "./problems";
import { scanContent, type Course } from "./scan";
import { env } from "@/lib/env";

export type { Course, Lesson, LessonVariant } from "./scan";
export type { Quiz } from "@/lib/quiz/types";

/** Every valid course under a content root, and the problems found while reading it. */
export interface Catalog {
  courses: Course[];
  problems: Problem[];
}

interface Memo {
  catalog: Catalog;
  signature: string | null;
}

const memo = new Map<string, Memo>();

/**
 * Loads the course catalog from `root` (default `<cwd>/content`), memoised per root.
 *
 * Broken content never throws: a course whose `course.yaml` is invalid, and a lesson whose
 * Italian file is invalid, are left out and described in `problems`. An invalid English file
 * only drops that variant (the Italian one is then shown with a notice).
 *
 * In development (`NODE_ENV=development`) the memo is checked against the files' sizes and
 * modification times on each call so edits show up without a restart; elsewhere content is
 * read once per process (call {@link clearCatalogCache} to force a reload).
 */
export function loadCatalog(root: string = defaultContentRoot()): Catalog {
  const key = path.resolve(root);
  const watch = env().NODE_ENV === "development";
  const cached = memo.get(key);
  const signature = watch ? treeSignature(key) : null;
  if (cached && (!watch || cached.signature === signature)) return cached.catalog;

  const scan = scanContent(key);
  const catalog: Catalog = {
    courses: scan.courses.flatMap((c) =>
      c.meta ? [{ ...c.meta, slug: c.slug, lessons: c.lessons, quizzes: c.quizzes, exercises: c.exercises, finalTest: c.finalTest }] : [],
    ),
    problems: scan.problems,
  };
  memo.set(key, { catalog, signature });
  return catalog;
}

/** Forgets every memoised catalog (tests, or after content changed on disk). */
export function clearCatalogCache(): void {
  memo.clear();
}

/** Sizes and modification times of every file under `<root>/courses` (quizzes included): cheap change detection. */
function treeSignature(root: string): string {
  const parts: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 4) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) {
        walk(abs, depth + 1);
      } else {
        try {
          const st = fs.statSync(abs);
          parts.push(`${abs}:${st.size}:${st.mtimeMs}`);
        } catch {
          parts.push(`${abs}:gone`);
        }
      }
    }
  };
  walk(path.join(root, "courses"), 0);
  return parts.sort().join("|");
}

import "server-only";
import path from "node:path";
import { env } from "@/lib/env";

/**
 * The content root: `CONTENT_DIR` when set (the e2e suite serves the real content plus a
 * test-fixture course from a temporary folder), else `<cwd>/content`.
 */
export function defaultContentRoot(): string {
  const dir = env().CONTENT_DIR;
  return dir ? path.resolve(/*turbopackIgnore: true*/ dir) : path.join(process.cwd(), "content");
}

/**
 * A path for messages and `LessonVariant.file`: relative to the working directory (the
 * repository root) with forward slashes, or absolute when outside it.
 */
export function displayPath(absPath: string): string {
  const rel = path.relative(process.cwd(), absPath);
  const shown = rel === "" || rel.startsWith("..") || path.isAbsolute(rel) ? absPath : rel;
  return shown.split(path.sep).join("/");
}

/** True when `child` is `parent` or inside it (both absolute, already resolved). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

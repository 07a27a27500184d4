import "server-only";
import fs from "node:fs";
import path from "node:path";
import { ASSET_DIR, assetContentType } from "./asset-names";
import { isSafeSlug } from "./names";
import { defaultContentRoot, isInside } from "./paths";

export { ASSET_DIR, courseAssetUrl, isSafeAssetName } from "./asset-names";

/** A course asset found on disk, ready to be streamed by a route handler. */
export interface ResolvedAsset {
  absPath: string;
  contentType: string;
}

/**
 * Finds `content/courses/<courseSlug>/lessons/assets/<fileName>`.
 *
 * Returns null, without touching the file system, for an unsafe course slug, a file name
 * outside `^[a-z0-9][a-z0-9._-]*$` or containing `..`, or an extension other than png, jpg,
 * jpeg, webp, gif and pdf (never svg). Returns null too when the file does not exist, is not a
 * regular file, or resolves (through a symlink) outside the course folder.
 *
 * It does not check who may see the course: the route serving assets must do that.
 */
export function resolveCourseAsset(
  courseSlug: string,
  fileName: string,
  root: string = defaultContentRoot(),
): ResolvedAsset | null {
  if (!isSafeSlug(courseSlug)) return null;
  const contentType = assetContentType(fileName);
  if (!contentType) return null;
  const courseDir = path.join(path.resolve(root), "courses", courseSlug);
  const candidate = path.join(courseDir, ASSET_DIR, fileName);
  try {
    const realCourse = fs.realpathSync(courseDir);
    const real = fs.realpathSync(candidate);
    if (!isInside(realCourse, real) || !fs.statSync(real).isFile()) return null;
    return { absPath: real, contentType };
  } catch {
    return null;
  }
}

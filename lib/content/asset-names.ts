/**
 * Naming rules and URLs for course assets (images and attachments that live in
 * `content/courses/<course>/lessons/assets/`). Pure module: the file-system resolver is in
 * `assets.ts`, this part is shared with the MDX components that build image URLs.
 */

/** Folder, relative to the course folder, that holds a course's assets. */
export const ASSET_DIR = "lessons/assets";

/** Safe asset file names: lower case, starting with a letter or digit, no slashes. */
export const ASSET_NAME_RE = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * Allowed extensions and the content type each is served with. SVG is deliberately absent:
 * an SVG opened directly can run script in the site's origin.
 */
export const ASSET_CONTENT_TYPES: Readonly<Record<string, string>> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  gif: "image/gif",
  pdf: "application/pdf",
};

/** Extensions that may be shown as images (everything allowed except PDF). */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(["png", "jpg", "jpeg", "webp", "gif"]);

const MAX_ASSET_NAME_LENGTH = 120;

/** The lower-case extension of a file name without the dot, or "" when it has none. */
export function assetExtension(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot <= 0 ? "" : fileName.slice(dot + 1).toLowerCase();
}

/**
 * Content type of an asset, or null when the name is unsafe (pattern, `..`, length) or its
 * extension is not allowed.
 */
export function assetContentType(fileName: unknown): string | null {
  if (typeof fileName !== "string" || fileName.length > MAX_ASSET_NAME_LENGTH) return null;
  if (!ASSET_NAME_RE.test(fileName) || fileName.includes("..")) return null;
  return ASSET_CONTENT_TYPES[assetExtension(fileName)] ?? null;
}

/** True when `fileName` is a safe asset name with an allowed extension. */
export function isSafeAssetName(fileName: unknown): fileName is string {
  return assetContentType(fileName) !== null;
}

/** The URL an asset is served from: `/api/content/<course>/assets/<file>`. */
export function courseAssetUrl(courseSlug: string, fileName: string): string {
  return `/api/content/${encodeURIComponent(courseSlug)}/assets/${encodeURIComponent(fileName)}`;
}

/**
 * The asset file name a Markdown image points at: `./assets/x.png` or `assets/x.png` gives
 * `x.png`; anything else (remote URLs, other folders) gives null.
 */
export function assetNameFromMarkdownSrc(src: string): string | null {
  const m = /^(?:\.\/)?assets\/([^/?#]+)$/.exec(src);
  return m?.[1] ?? null;
}

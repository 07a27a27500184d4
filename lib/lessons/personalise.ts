import { createHash } from "node:crypto";

/**
 * Lesson pages are the same prerendered bytes for everyone; only the header's "signed in as"
 * is per learner. The static header prints this marker where the name goes, and the lesson
 * route puts the learner's name (HTML-escaped) in its place as it answers — one copy of the
 * page per request, no render.
 */
export const USER_NAME_MARKER = "%%BINOMIO-USER-NAME%%";

const MARKER = Buffer.from(USER_NAME_MARKER);
const halves = new WeakMap<Uint8Array, [Uint8Array, Uint8Array] | null>();

function split(html: Uint8Array): [Uint8Array, Uint8Array] | null {
  if (!halves.has(html)) {
    const at = Buffer.from(html.buffer, html.byteOffset, html.byteLength).indexOf(MARKER);
    halves.set(html, at < 0 ? null : [html.subarray(0, at), html.subarray(at + MARKER.length)]);
  }
  return halves.get(html)!;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** The page with the learner's name in the header (unchanged when the page has no marker). */
export function withUserName(html: Uint8Array<ArrayBuffer>, name: string): Uint8Array<ArrayBuffer> {
  const parts = split(html);
  if (!parts) return html;
  return new Uint8Array(Buffer.concat([parts[0], Buffer.from(escapeHtml(name)), parts[1]]));
}

/** The page's ETag made personal: the same bytes for the same learner revalidate (304). */
export function personalEtag(etag: string, userId: number): string {
  return `"${createHash("sha256").update(`${etag}:${userId}`).digest("base64url").slice(0, 27)}"`;
}

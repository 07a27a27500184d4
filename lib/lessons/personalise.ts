import { createHash } from "node:crypto";

/**
 * Lesson pages are the same prerendered bytes for everyone; only the header's "signed in as"
 * is per learner. The static header prints this marker where the name goes, and the lesson
 * route puts the learner's name in its place as it answers — one copy of the page per request,
 * no render. The marker appears twice: in the HTML and in the React payload the page hydrates
 * from (else hydration would put the marker back), so every occurrence is replaced.
 */
export const USER_NAME_MARKER = "%%BINOMIO-USER-NAME%%";

const MARKER = Buffer.from(USER_NAME_MARKER);
const pieces = new WeakMap<Uint8Array, Uint8Array[]>();

function split(html: Uint8Array): Uint8Array[] {
  let parts = pieces.get(html);
  if (!parts) {
    parts = [];
    const buf = Buffer.from(html.buffer, html.byteOffset, html.byteLength);
    let from = 0;
    for (let at = buf.indexOf(MARKER); at >= 0; at = buf.indexOf(MARKER, from)) {
      parts.push(html.subarray(from, at));
      from = at + MARKER.length;
    }
    parts.push(html.subarray(from));
    pieces.set(html, parts);
  }
  return parts;
}

/**
 * The name as it may stand both in HTML text and inside the JSON strings of the React
 * payload without any escaping: letters (any script, with their accents), spaces, apostrophes,
 * dots and hyphens — what people's names are made of. Anything else is left out, so no name
 * can ever break out of either context.
 */
export function displayableName(name: string): string {
  return name.replace(/[^\p{L}\p{M} '’.\-]/gu, "").replace(/\s+/g, " ").trim().slice(0, 120);
}

/** The page with the learner's name in the header (unchanged when the page has no marker). */
export function withUserName(html: Uint8Array<ArrayBuffer>, name: string): Uint8Array<ArrayBuffer> {
  const parts = split(html);
  if (parts.length === 1) return html;
  const nameBytes = Buffer.from(displayableName(name));
  const out: Uint8Array[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(nameBytes);
    out.push(p);
  });
  return new Uint8Array(Buffer.concat(out));
}

/** The page's ETag made personal: the same bytes for the same learner revalidate (304). */
export function personalEtag(etag: string, userId: number): string {
  return `"${createHash("sha256").update(`${etag}:${userId}`).digest("base64url").slice(0, 27)}"`;
}

import { createHash } from "node:crypto";

/**
 * Lesson pages are the same prerendered bytes for everyone; only the header's "signed in as"
 * is per learner. The static header prints this marker where the name goes, and the lesson
 * route puts the learner's name in its place as it answers — one copy of the page per request,
 * no render. The marker appears twice: in the HTML and in the React payload the page hydrates
 * from (else hydration would put the marker back), so every occurrence is replaced.
 */
export const USER_NAME_MARKER = "%%BINOMIO-USER-NAME%%";

/**
 * The course page (lib/course-page) is the same prerendered frame for everyone, and its whole
 * `<main>` is personal: the frame's `<main>` holds this marker as its inner HTML, which the
 * course route replaces with the learner's page as it answers.
 */
export const PAGE_MAIN_MARKER = "%%BINOMIO-PAGE-MAIN%%";

type Marker = "name" | "main";
const MARKERS: { marker: Marker; bytes: Buffer }[] = [
  { marker: "name", bytes: Buffer.from(USER_NAME_MARKER) },
  { marker: "main", bytes: Buffer.from(PAGE_MAIN_MARKER) },
];

/**
 * A page cut at its markers. Each marker stands either in the HTML or inside one of the
 * `<script>` elements that carry the React payload the page hydrates from; the two need
 * different encodings of the same value, so each cut remembers which.
 */
type Cut = { marker: Marker; inScript: boolean };
type Pieces = { parts: Uint8Array[]; cuts: Cut[] };
const pieces = new WeakMap<Uint8Array, Pieces>();

const SCRIPT_OPEN = Buffer.from("<script");
const SCRIPT_CLOSE = Buffer.from("</script");

function split(html: Uint8Array): Pieces {
  let found = pieces.get(html);
  if (!found) {
    found = { parts: [], cuts: [] };
    const buf = Buffer.from(html.buffer, html.byteOffset, html.byteLength);
    let from = 0;
    for (;;) {
      let next: { at: number; marker: Marker; length: number } | null = null;
      for (const m of MARKERS) {
        const at = buf.indexOf(m.bytes, from);
        if (at >= 0 && (!next || at < next.at)) next = { at, marker: m.marker, length: m.bytes.length };
      }
      if (!next) break;
      found.parts.push(html.subarray(from, next.at));
      found.cuts.push({ marker: next.marker, inScript: buf.lastIndexOf(SCRIPT_OPEN, next.at) > buf.lastIndexOf(SCRIPT_CLOSE, next.at) });
      from = next.at + next.length;
    }
    found.parts.push(html.subarray(from));
    pieces.set(html, found);
  }
  return found;
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

const SCRIPT_UNSAFE: Record<string, string> = { "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029" };

/**
 * HTML as it stands inside the payload: a JSON string (the `__html` prop in React's row),
 * itself inside the JavaScript string literal of `self.__next_f.push([1,"…"])`, with the
 * characters that could end the `<script>` element escaped the way Next escapes them.
 */
export function payloadEncoded(html: string): string {
  const inRow = JSON.stringify(html).slice(1, -1);
  return JSON.stringify(inRow)
    .slice(1, -1)
    .replace(/[<>&\u2028\u2029]/g, (c) => SCRIPT_UNSAFE[c]!);
}

/**
 * The page with its markers filled in: the learner's name (both contexts take it as it is,
 * see {@link displayableName}) and, on a page that has one, the personal `<main>` — raw in the
 * HTML, {@link payloadEncoded} in the payload. Unchanged when the page has no marker.
 */
export function fillMarkers(html: Uint8Array<ArrayBuffer>, values: { name: string; main?: string }): Uint8Array<ArrayBuffer> {
  const { parts, cuts } = split(html);
  if (cuts.length === 0) return html;
  const name = Buffer.from(displayableName(values.name));
  const main = values.main ?? "";
  const mainRaw = Buffer.from(main);
  const mainPayload = cuts.some((c) => c.marker === "main" && c.inScript) ? Buffer.from(payloadEncoded(main)) : mainRaw;
  const out: Uint8Array[] = [parts[0]!];
  cuts.forEach((cut, i) => {
    out.push(cut.marker === "name" ? name : cut.inScript ? mainPayload : mainRaw, parts[i + 1]!);
  });
  return new Uint8Array(Buffer.concat(out));
}

/** The page with the learner's name in the header (unchanged when the page has no marker). */
export function withUserName(html: Uint8Array<ArrayBuffer>, name: string): Uint8Array<ArrayBuffer> {
  return fillMarkers(html, { name });
}

/** The page's ETag made personal: the same bytes for the same learner revalidate (304). */
export function personalEtag(etag: string, userId: number): string {
  return `"${createHash("sha256").update(`${etag}:${userId}`).digest("base64url").slice(0, 27)}"`;
}

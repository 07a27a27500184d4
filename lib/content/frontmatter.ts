/**
 * Splits a lesson file into its YAML frontmatter and its MDX body, keeping track of lines so
 * problems in either part can be reported at their position in the file. Pure module.
 */

export type FrontmatterSplit =
  | {
      ok: true;
      /** The YAML between the two `---` lines. */
      yaml: string;
      /** Lines in the file before the YAML starts (the opening `---`). */
      yamlLineOffset: number;
      /** The MDX after the closing `---` line. */
      body: string;
      /** 1-based line of the file where the body starts. */
      bodyStartLine: number;
    }
  | { ok: false; line: number; message: string; hint: string };

const DELIMITER = /^---[ \t]*$/;

/**
 * Splits `source` (BOM allowed, LF or CRLF line ends). The file must start with a line
 * containing only `---`, and the frontmatter ends at the next such line.
 */
export function splitFrontmatter(source: string): FrontmatterSplit {
  const text = source.startsWith("\uFEFF") ? source.slice(1) : source;
  const lines = text.split(/\r?\n/);
  if (!DELIMITER.test(lines[0] ?? "")) {
    return {
      ok: false,
      line: 1,
      message: "missing frontmatter: the file must start with a line containing only ---",
      hint: "start the file with ---, then title, summary, duration, objectives and status, then another ---",
    };
  }
  const close = lines.findIndex((l, i) => i > 0 && DELIMITER.test(l));
  if (close === -1) {
    return {
      ok: false,
      line: 1,
      message: "the frontmatter is never closed",
      hint: "add a line containing only --- after the last frontmatter key",
    };
  }
  // Offsets are computed on the original line breaks so CRLF files keep their columns.
  let offset = 0;
  for (let i = 0; i <= close; i++) {
    offset += (lines[i] ?? "").length;
    offset += text.startsWith("\r\n", offset) ? 2 : text.startsWith("\n", offset) ? 1 : 0;
  }
  return {
    ok: true,
    yaml: lines.slice(1, close).join("\n"),
    yamlLineOffset: 1,
    body: text.slice(offset),
    bodyStartLine: close + 2,
  };
}

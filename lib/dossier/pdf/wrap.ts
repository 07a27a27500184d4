/** Anything that can measure a string at a size (a pdf-lib font). */
export type Measure = { widthOfTextAtSize: (text: string, size: number) => number };

/** Control characters a PDF text run cannot show (tabs become a space, the rest disappear). */
export function printable(text: string): string {
  return text.replace(/\t/g, " ").replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g, "");
}

/**
 * Widths of words at size 1, memoised per font. pdf-lib measures an embedded TrueType font by
 * running fontkit's layout on the whole string, which costs about as much as drawing it; a
 * register measures the same dates, times and names thousands of times. A line's width is the
 * sum of its words and spaces: the PDF places glyphs by their advance widths (no kerning), so
 * the sum is exact.
 */
export class WidthCache implements Measure {
  private words = new Map<string, number>();
  private space: number;
  constructor(private font: Measure) {
    this.space = font.widthOfTextAtSize(" ", 1);
  }
  word(w: string): number {
    let v = this.words.get(w);
    if (v === undefined) {
      v = this.font.widthOfTextAtSize(w, 1);
      if (this.words.size > 50_000) this.words.clear();
      this.words.set(w, v);
    }
    return v;
  }
  widthOfTextAtSize(text: string, size: number): number {
    let total = 0;
    let spaces = 0;
    for (const part of text.split(" ")) {
      if (part) total += this.word(part);
      spaces++;
    }
    return (total + (spaces - 1) * this.space) * size;
  }
  spaceWidth(size: number): number {
    return this.space * size;
  }
}

/**
 * Splits `text` into lines no wider than `width`: at spaces, and inside a word only when the
 * word alone is too wide (a hash, an e-mail address), so nothing is ever cut off. Line breaks
 * in the text are kept; empty paragraphs give empty lines.
 */
export function wrapLines(text: string, font: WidthCache, size: number, width: number): string[] {
  const out: string[] = [];
  const space = font.spaceWidth(size);
  for (const paragraph of printable(text).replace(/\r\n?/g, "\n").split("\n")) {
    const words = paragraph.split(/ +/).filter(Boolean);
    if (words.length === 0) {
      out.push("");
      continue;
    }
    let line = "";
    let lineWidth = 0;
    for (const word of words) {
      const w = font.word(word) * size;
      if (line && lineWidth + space + w <= width) {
        line += ` ${word}`;
        lineWidth += space + w;
        continue;
      }
      if (line) out.push(line);
      if (w <= width) {
        line = word;
        lineWidth = w;
        continue;
      }
      // The word alone is wider than the line: break it between characters.
      let rest = word;
      while (font.word(rest) * size > width) {
        let n = 1;
        while (n < rest.length && font.word(rest.slice(0, n + 1)) * size <= width) n++;
        out.push(rest.slice(0, n));
        rest = rest.slice(n);
      }
      line = rest;
      lineWidth = font.word(rest) * size;
    }
    out.push(line);
  }
  return out;
}

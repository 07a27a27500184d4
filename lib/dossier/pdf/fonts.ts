import fs from "node:fs";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import type { PDFDocument, PDFFont } from "pdf-lib";
import type { Fontkit } from "pdf-lib/cjs/types/fontkit";

/**
 * The dossier's typeface: DejaVu Sans Condensed, committed beside this module
 * (lib/dossier/fonts/, Bitstream Vera licence) so the documents do not depend on the fonts of
 * the machine. Unlike the certificates' standard Helvetica (WinAnsi only), an embedded TrueType
 * font prints any name a person may have (ő, ł, ș…) and gives pdftotext a ToUnicode map.
 *
 * The files are read once per process. Each document embeds a subset (only the glyphs it
 * uses, a few dozen KB) under a fixed name: pdf-lib would otherwise add a random suffix to the
 * font name, and the same data must give the same bytes (the dossier's SHA256SUMS).
 *
 * Text is mapped to glyphs one character at a time (the font's cmap), not through fontkit's
 * OpenType shaping: shaping cost about a millisecond per drawn string, most of a register's
 * time, and Latin text needs none of it (pdf-lib places glyphs by advance width anyway). No
 * ligatures also means every glyph maps back to exactly one character for pdftotext.
 */

export type DossierFonts = { regular: PDFFont; bold: PDFFont };

const FILES = { regular: "DejaVuSansCondensed.ttf", bold: "DejaVuSansCondensed-Bold.ttf" } as const;

let bytes: { regular: Buffer; bold: Buffer } | null = null;

/** lib/dossier/fonts under the working directory (the app's root, where the server and the tests run). */
function fontDir(): string {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "dossier", "fonts");
}

function fontBytes(): { regular: Buffer; bold: Buffer } {
  // Read at run time from the working directory (like the password list): not traced by the bundler.
  bytes ??= {
    regular: fs.readFileSync(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ fontDir(), FILES.regular)),
    bold: fs.readFileSync(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ fontDir(), FILES.bold)),
  };
  return bytes;
}

/** fontkit, with a cmap-only `layout` on every font it creates. */
const directFontkit: Fontkit = {
  create(buffer, postscriptName) {
    const font = fontkit.create(buffer, postscriptName);
    font.layout = ((text: string) => {
      const glyphs = [];
      for (const ch of text.normalize("NFC")) glyphs.push(font.glyphForCodePoint(ch.codePointAt(0)!));
      return { glyphs } as unknown as ReturnType<typeof font.layout>;
    }) as typeof font.layout;
    return font;
  },
};

export async function embedDossierFonts(doc: PDFDocument): Promise<DossierFonts> {
  doc.registerFontkit(directFontkit);
  const b = fontBytes();
  const [regular, bold] = await Promise.all([
    doc.embedFont(b.regular, { subset: true, customName: "DejaVuSansCondensed" }),
    doc.embedFont(b.bold, { subset: true, customName: "DejaVuSansCondensed-Bold" }),
  ]);
  return { regular, bold };
}

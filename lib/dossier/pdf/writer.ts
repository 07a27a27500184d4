import { PageSizes, PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { formatRomeDateTime } from "@/lib/reports/format";
import { embedDossierFonts, type DossierFonts } from "./fonts";
import { printable, WidthCache, wrapLines } from "./wrap";

/**
 * A small flowing layout for A4 documents meant to be printed, read in black and white and
 * signed: headings, paragraphs, label/value fields, tables that break across pages with their
 * header repeated, signature boxes. Every page gets a footer with the document's name, the
 * generation time, the SHA-256 of the data the document was made from and "pagina X di Y"
 * (drawn at the end, when the number of pages is known).
 *
 * Only black and greys: nothing is told by colour alone. The metadata carries no dates of its
 * own, so the same input gives the same bytes.
 */

const INK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);
const RULE = rgb(0.55, 0.55, 0.55);
const FILL = rgb(0.9, 0.9, 0.9);

const MARGIN_X = 42;
const MARGIN_TOP = 46;
const MARGIN_BOTTOM = 58;
const LINE = 1.3;

export type DocumentMeta = {
  /** PDF title and the first words of every footer ("Registro FAD"). */
  title: string;
  /** Printed after the title in the footer and at the top of pages after the first (the plan). */
  subject: string;
  generatedAt: Date;
  /** Hex SHA-256 of the data the document was made from. */
  dataHash: string;
  author: string;
};

export type Column = {
  header: string;
  /** Share of the table's width (the shares are normalised). */
  width: number;
  align?: "left" | "right" | "center";
};

export type TextOptions = { size?: number; bold?: boolean; indent?: number; gap?: number; color?: "ink" | "grey"; align?: "left" | "center" };

/** Word widths, shared by every document: they depend only on the font file. */
const widths: { regular?: WidthCache; bold?: WidthCache } = {};

export class PdfWriter {
  private pages: PDFPage[] = [];
  private measure: { regular: WidthCache; bold: WidthCache };
  private page!: PDFPage;
  /** Baseline cursor: the next thing is drawn below it. */
  y = 0;

  private constructor(
    readonly doc: PDFDocument,
    readonly fonts: DossierFonts,
    private meta: DocumentMeta,
  ) {
    widths.regular ??= new WidthCache(fonts.regular);
    widths.bold ??= new WidthCache(fonts.bold);
    this.measure = { regular: widths.regular, bold: widths.bold };
    this.addPage();
  }

  static async create(meta: DocumentMeta): Promise<PdfWriter> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const fonts = await embedDossierFonts(doc);
    return new PdfWriter(doc, fonts, meta);
  }

  get width(): number {
    return this.page.getWidth() - 2 * MARGIN_X;
  }

  private get bottom(): number {
    return MARGIN_BOTTOM;
  }

  private addPage(): void {
    this.page = this.doc.addPage(PageSizes.A4);
    this.pages.push(this.page);
    this.y = this.page.getHeight() - MARGIN_TOP;
    if (this.pages.length > 1) {
      const text = fit(`${this.meta.title} — ${this.meta.subject}`, this.measure.regular, 7.5, this.width);
      this.page.drawText(text, { x: MARGIN_X, y: this.y + 14, size: 7.5, font: this.fonts.regular, color: GREY });
      this.page.drawLine({ start: { x: MARGIN_X, y: this.y + 10 }, end: { x: MARGIN_X + this.width, y: this.y + 10 }, thickness: 0.4, color: RULE });
      this.y -= 4;
    }
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.y - height < this.bottom) this.addPage();
  }

  newPage(): void {
    this.addPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  private font(bold?: boolean): PDFFont {
    return bold ? this.fonts.bold : this.fonts.regular;
  }

  private widths(bold?: boolean): WidthCache {
    return bold ? this.measure.bold : this.measure.regular;
  }

  /** Wrapped text; moves the cursor down. Breaks pages between lines. */
  text(raw: string, o: TextOptions = {}): void {
    const size = o.size ?? 9;
    const font = this.font(o.bold);
    const measure = this.widths(o.bold);
    const indent = o.indent ?? 0;
    for (const line of wrapLines(raw, measure, size, this.width - indent)) {
      this.ensure(size * LINE);
      this.y -= size * LINE;
      const x = o.align === "center" ? MARGIN_X + (this.width - measure.widthOfTextAtSize(line, size)) / 2 : MARGIN_X + indent;
      if (line) this.page.drawText(line, { x, y: this.y + size * 0.25, size, font, color: o.color === "grey" ? GREY : INK });
    }
    this.y -= o.gap ?? 0;
  }

  title(text: string): void {
    this.text(text, { size: 15, bold: true, gap: 2 });
  }

  /** A section heading with a rule under it; kept with at least `keep` points of what follows. */
  heading(text: string, o: { size?: number; keep?: number } = {}): void {
    const size = o.size ?? 11;
    this.ensure(size * LINE + 8 + (o.keep ?? 40));
    this.y -= 6;
    this.text(text, { size, bold: true });
    this.page.drawLine({ start: { x: MARGIN_X, y: this.y - 2 }, end: { x: MARGIN_X + this.width, y: this.y - 2 }, thickness: 0.6, color: RULE });
    this.y -= 6;
  }

  /**
   * `Label: value` pairs, in one or two columns. A null or empty value prints "—" so a
   * missing reference is visible rather than silently left out.
   */
  fields(pairs: readonly (readonly [string, string | null | undefined])[], o: { columns?: 1 | 2; size?: number; labelWidth?: number } = {}): void {
    const size = o.size ?? 8.5;
    const columns = o.columns ?? 2;
    const gutter = 14;
    const colWidth = (this.width - gutter * (columns - 1)) / columns;
    const labelWidth = o.labelWidth ?? Math.min(118, colWidth * 0.45);
    for (let i = 0; i < pairs.length; i += columns) {
      const row = pairs.slice(i, i + columns).map(([label, value]) => ({
        label: wrapLines(label, this.measure.bold, size, labelWidth - 4),
        value: wrapLines(value && value.trim() ? value : "—", this.measure.regular, size, colWidth - labelWidth),
      }));
      const lines = Math.max(...row.map((c) => Math.max(c.label.length, c.value.length)));
      this.ensure(lines * size * LINE + 2);
      row.forEach((cell, c) => {
        const x = MARGIN_X + c * (colWidth + gutter);
        cell.label.forEach((l, k) => this.page.drawText(l, { x, y: this.y - (k + 1) * size * LINE + size * 0.25, size, font: this.fonts.bold, color: INK }));
        cell.value.forEach((l, k) => this.page.drawText(l, { x: x + labelWidth, y: this.y - (k + 1) * size * LINE + size * 0.25, size, font: this.fonts.regular, color: INK }));
      });
      this.y -= lines * size * LINE + 2;
    }
  }

  /**
   * A table with a grey header row, thin rules, cells wrapped to their column. The header is
   * drawn again at the top of every page the table continues on; a row taller than what is
   * left of a page continues on the next one, so no text is ever cut.
   */
  table(columns: readonly Column[], rows: readonly (readonly (string | null | undefined)[])[], o: { size?: number; emptyText?: string } = {}): void {
    const size = o.size ?? 7.5;
    const pad = 2.5;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const lineHeight = size * LINE;
    const headerLines = columns.map((c, i) => wrapLines(c.header, this.measure.bold, size, widths[i]! - 2 * pad));
    const headerHeight = Math.max(...headerLines.map((l) => l.length)) * lineHeight + 2 * pad;

    const drawHeader = () => {
      const top = this.y;
      this.page.drawRectangle({ x: MARGIN_X, y: top - headerHeight, width: this.width, height: headerHeight, color: FILL, borderColor: RULE, borderWidth: 0.5 });
      let x = MARGIN_X;
      headerLines.forEach((lines, i) => {
        lines.forEach((l, k) => this.drawCellLine(l, x, widths[i]!, top - pad - (k + 1) * lineHeight + size * 0.25, size, true, columns[i]!.align));
        x += widths[i]!;
      });
      this.y -= headerHeight;
    };

    this.ensure(headerHeight + lineHeight + 2 * pad);
    drawHeader();
    if (rows.length === 0) {
      this.ensure(lineHeight + 2 * pad);
      const top = this.y;
      this.page.drawRectangle({ x: MARGIN_X, y: top - lineHeight - 2 * pad, width: this.width, height: lineHeight + 2 * pad, borderColor: RULE, borderWidth: 0.5 });
      this.drawCellLine(o.emptyText ?? "Nessun dato.", MARGIN_X, this.width, top - pad - lineHeight + size * 0.25, size, false, "left");
      this.y -= lineHeight + 2 * pad;
      return;
    }

    for (const row of rows) {
      let cells = columns.map((c, i) => wrapLines(row[i] ?? "", this.measure.regular, size, widths[i]! - 2 * pad));
      for (;;) {
        const needed = Math.max(...cells.map((l) => l.length)) * lineHeight + 2 * pad;
        const available = this.y - this.bottom;
        if (needed > available) {
          const fitting = Math.floor((available - 2 * pad) / lineHeight);
          // Not even two lines left: move the whole row (or what remains of it) to a new page.
          if (fitting < 2) {
            this.addPage();
            drawHeader();
            continue;
          }
          this.drawRow(cells.map((l) => l.slice(0, fitting)), widths, fitting * lineHeight + 2 * pad, size, columns);
          cells = cells.map((l) => l.slice(fitting));
          this.addPage();
          drawHeader();
          continue;
        }
        this.drawRow(cells, widths, needed, size, columns);
        break;
      }
    }
  }

  private drawRow(cells: string[][], widths: number[], height: number, size: number, columns: readonly Column[]): void {
    const top = this.y;
    const pad = 2.5;
    const lineHeight = size * LINE;
    let x = MARGIN_X;
    cells.forEach((lines, i) => {
      this.page.drawRectangle({ x, y: top - height, width: widths[i]!, height, borderColor: RULE, borderWidth: 0.5 });
      lines.forEach((l, k) => this.drawCellLine(l, x, widths[i]!, top - pad - (k + 1) * lineHeight + size * 0.25, size, false, columns[i]!.align));
      x += widths[i]!;
    });
    this.y -= height;
  }

  private drawCellLine(text: string, x: number, width: number, y: number, size: number, bold: boolean, align: Column["align"]): void {
    if (!text) return;
    const font = this.font(bold);
    const w = this.widths(bold).widthOfTextAtSize(text, size);
    const left = align === "right" ? x + width - 2.5 - w : align === "center" ? x + (width - w) / 2 : x + 2.5;
    this.page.drawText(text, { x: left, y, size, font, color: INK });
  }

  /**
   * Boxes to sign in, side by side: the role on top, the name (if known) under it, a blank
   * area and a line for the signature. Kept together on one page.
   */
  signatures(boxes: readonly { role: string; name?: string | null }[], o: { place?: string } = {}): void {
    const height = 96;
    const gutter = 16;
    this.ensure(height + (o.place ? 40 : 12));
    if (o.place) {
      this.y -= 6;
      this.text(o.place, { size: 9 });
      this.y -= 10;
    }
    // A single box takes the right half, where a signature is expected.
    const w = boxes.length === 1 ? (this.width - gutter) / 2 : (this.width - gutter * (boxes.length - 1)) / boxes.length;
    const left = boxes.length === 1 ? MARGIN_X + this.width - w : MARGIN_X;
    const top = this.y - 4;
    boxes.forEach((b, i) => {
      const x = left + i * (w + gutter);
      this.page.drawRectangle({ x, y: top - height, width: w, height, borderColor: INK, borderWidth: 0.7 });
      const lines = wrapLines(b.role, this.measure.bold, 8.5, w - 10);
      lines.forEach((l, k) => this.page.drawText(l, { x: x + 5, y: top - 12 - k * 11, size: 8.5, font: this.fonts.bold, color: INK }));
      if (b.name) this.page.drawText(fit(b.name, this.measure.regular, 8.5, w - 10), { x: x + 5, y: top - 14 - lines.length * 11, size: 8.5, font: this.fonts.regular, color: INK });
      this.page.drawLine({ start: { x: x + 8, y: top - height + 20 }, end: { x: x + w - 8, y: top - height + 20 }, thickness: 0.5, color: GREY });
      this.page.drawText("(firma)", { x: x + 8, y: top - height + 9, size: 7, font: this.fonts.regular, color: GREY });
    });
    this.y = top - height - 8;
  }

  /** Footers on every page, metadata, bytes. */
  async finish(): Promise<Uint8Array> {
    const total = this.pages.length;
    const stamp = `Generato il ${formatRomeDateTime(this.meta.generatedAt)} (ora italiana)`;
    this.pages.forEach((page, i) => {
      const y = MARGIN_BOTTOM - 22;
      const right = `pagina ${i + 1} di ${total}`;
      const size = 7;
      const rw = this.measure.bold.widthOfTextAtSize(right, size + 0.5);
      page.drawLine({ start: { x: MARGIN_X, y: y + 12 }, end: { x: MARGIN_X + this.width, y: y + 12 }, thickness: 0.4, color: RULE });
      page.drawText(fit(`${this.meta.title} — ${this.meta.subject}`, this.measure.regular, size, this.width - rw - 12), { x: MARGIN_X, y, size, font: this.fonts.regular, color: INK });
      page.drawText(right, { x: MARGIN_X + this.width - rw, y, size: size + 0.5, font: this.fonts.bold, color: INK });
      page.drawText(`${stamp} · SHA-256 dei dati: ${this.meta.dataHash}`, { x: MARGIN_X, y: y - 10, size: 6.5, font: this.fonts.regular, color: INK });
    });
    this.doc.setTitle(printable(`${this.meta.title} — ${this.meta.subject}`));
    this.doc.setAuthor(printable(this.meta.author));
    this.doc.setSubject(printable(this.meta.subject));
    this.doc.setKeywords([`sha256:${this.meta.dataHash}`]);
    this.doc.setCreator("Binomio");
    this.doc.setProducer("Binomio (pdf-lib)");
    this.doc.setLanguage("it-IT");
    return this.doc.save({ useObjectStreams: true });
  }
}

/** One line cut to `width` with an ellipsis (running headers and footers only: never evidence). */
function fit(text: string, font: WidthCache, size: number, width: number): string {
  const clean = printable(text).replace(/\s+/g, " ");
  if (font.widthOfTextAtSize(clean, size) <= width) return clean;
  let n = clean.length;
  while (n > 0 && font.widthOfTextAtSize(`${clean.slice(0, n)}…`, size) > width) n--;
  return `${clean.slice(0, n)}…`;
}

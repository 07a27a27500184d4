import QRCode from "qrcode";

/**
 * A QR code as one SVG path in module units (pure): each run of dark modules in a row is one
 * `h`/`v` rectangle. Drawn with pdf-lib's `drawSvgPath` it stays vector (sharp at any zoom,
 * about half the cost of embedding a PNG). The caller leaves the 4-module quiet zone blank.
 */
export function qrPath(text: string): { size: number; path: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const size = modules.size;
  const parts: string[] = [];
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && modules.get(row, col)) col++;
      parts.push(`M${start} ${row}h${col - start}v1h-${col - start}z`);
    }
  }
  return { size, path: parts.join("") };
}

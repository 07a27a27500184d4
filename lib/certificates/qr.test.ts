import jsQR from "jsqr";
import { describe, expect, it } from "vitest";
import { qrPath } from "./qr";

/** Paints the path's rectangles into a bitmap (4 px per module, 4-module quiet zone) and reads it back. */
function decode(path: string, size: number): string | null {
  const scale = 4;
  const quiet = 4;
  const side = (size + 2 * quiet) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const m of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let py = (y + quiet) * scale; py < (y + quiet + 1) * scale; py++) {
      for (let px = (x + quiet) * scale; px < (x + quiet + w) * scale; px++) {
        const i = (py * side + px) * 4;
        pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
      }
    }
  }
  return jsQR(pixels, side, side)?.data ?? null;
}

describe("QR code as an SVG path", () => {
  it("encodes the verification URL", () => {
    const url = "https://formazione.example.it/verify/7KQ2-M9XD-4TZB-W1HC";
    const { size, path } = qrPath(url);
    expect(size).toBeGreaterThanOrEqual(21);
    expect(path).toMatch(/^(M\d+ \d+h\d+v1h-\d+z)+$/);
    expect(decode(path, size)).toBe(url);
  });
});

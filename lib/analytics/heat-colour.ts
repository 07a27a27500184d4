/**
 * The heatmap's colours: light to dark red with the share, and the text colour (black or
 * white) that contrasts more with each background. Pure module.
 */

/** Background and text colour for a share from 0 to 1. */
export function heatTint(share: number): { background: string; color: string } {
  const lightness = Math.round(97 - Math.max(0, Math.min(1, share)) * 62);
  const bg = luminance(hslToRgb(4, 0.7, lightness / 100));
  // Black, not the page's ink: on the mid reds only black or white reach 4.5:1 (tested for every share).
  return { background: `hsl(4 70% ${lightness}%)`, color: contrastRatio(bg, 1) >= contrastRatio(bg, 0) ? "#ffffff" : "#000000" };
}

export function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [f(0) * 255, f(8) * 255, f(4) * 255];
}

/** WCAG relative luminance of an sRGB colour (0–255 channels). */
export function luminance([r, g, b]: [number, number, number]): number {
  const c = (v: number) => {
    const x = v / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
}

export function contrastRatio(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

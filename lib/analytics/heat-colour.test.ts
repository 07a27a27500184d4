import { describe, expect, it } from "vitest";
import { contrastRatio, heatTint, hslToRgb, luminance } from "./heat-colour";

describe("heatmap colours", () => {
  it("keep the figure readable (WCAG AA, 4.5:1) on every share from 0 to 100 %", () => {
    for (let pct = 0; pct <= 100; pct++) {
      const { background, color } = heatTint(pct / 100);
      const l = Number(/(\d+)%\)$/.exec(background)![1]) / 100;
      const ratio = contrastRatio(luminance(hslToRgb(4, 0.7, l)), color === "#ffffff" ? 1 : 0);
      expect(ratio, `${pct} %: ${background} with ${color}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});

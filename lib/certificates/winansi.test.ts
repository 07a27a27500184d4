import { describe, expect, it } from "vitest";
import { winAnsiSafe } from "./winansi";

describe("text for the standard PDF fonts", () => {
  it("keeps Italian and WinAnsi punctuation", () => {
    const s = "àèéìòù ÀÈÉÌÒÙ D'Alò L’Aquila «citazione» – … € “ok”";
    expect(winAnsiSafe(s)).toBe(s);
  });
  it("replaces what the font cannot print", () => {
    expect(winAnsiSafe("Łukasz Wałęsa")).toBe("Lukasz Walesa");
    expect(winAnsiSafe("Őrs → ≥ 70 %")).toBe("Ors -> >= 70 %");
    expect(winAnsiSafe("ok ✓ 😀")).toBe("ok ? ?");
    expect(winAnsiSafe("a\tb\nc")).toBe("a b c");
    expect(winAnsiSafe("e\u0301")).toBe("é"); // combining accent composed first
  });
});

import { describe, expect, it } from "vitest";
import { copiedSentences, ngramHash, sourceNgramHashes } from "./source-copy";

const SOURCE = "Il social è una piazza: ciò che dici in piazza lo sentono tutti, anche chi passa per caso. Quindi pensa prima di scrivere.";

describe("source-copy", () => {
  const hashes = new Set(sourceNgramHashes(SOURCE));

  it("hashes every normalised 8-word sequence, never storing the words", () => {
    // 23 words → 16 8-grams.
    expect(hashes.size).toBe(16);
    expect(hashes.has(ngramHash("il social e una piazza cio che dici".split(" ")))).toBe(true);
    for (const h of hashes) expect(h).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reports a sentence that copies 8 words in a row, at its line and column, whatever the case, accents and punctuation", () => {
    const lesson = "---\ntitle: x\n---\n\nUna frase nostra.\n  Attenzione: ciò che dici in PIAZZA, lo sentono tutti anche chi passa. E poi basta.\n";
    expect(copiedSentences(lesson, hashes)).toEqual([
      { line: 6, column: 3, excerpt: "Attenzione: ciò che dici in PIAZZA, lo sentono tutti anche…", copiedWords: 11 },
    ]);
  });

  it("passes text that says the same in other words, or shares only 7 words in a row", () => {
    expect(copiedSentences("Sui social parli davanti a tutti, anche a chi non conosci.", hashes)).toEqual([]);
    expect(copiedSentences("Ciò che dici in piazza lo sentono molti.", hashes)).toEqual([]);
  });

  it("does not join words across sentences or YAML fields", () => {
    const yaml = "it: ciò che dici in piazza\nen: lo sentono tutti anche chi passa\n";
    expect(copiedSentences(yaml, hashes)).toEqual([]);
    expect(copiedSentences("ciò che dici in piazza. Lo sentono tutti anche chi passa", hashes)).toEqual([]);
  });
});

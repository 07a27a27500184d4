import { describe, expect, it } from "vitest";
import { distinctiveStems, jaccard, normalize, stem, words } from "./text";

describe("cue text", () => {
  it("normalises case, accents, apostrophes and punctuation", () => {
    expect(normalize("Perché l’Azienda, dell'ufficio: È OK!")).toBe("perche l azienda dell ufficio e ok");
    expect(words("  ")).toEqual([]);
  });

  it("stems inflections of one word to one stem, per language", () => {
    expect(new Set(["riservato", "riservata", "riservati", "riservate"].map((w) => stem(w, "it")))).toEqual(new Set(["riserv"]));
    expect(stem("amiche", "it")).toBe(stem("amica", "it"));
    expect(new Set(["post", "posts", "posted", "posting"].map((w) => stem(w, "en")))).toEqual(new Set(["post"]));
    expect(stem("policies", "en")).toBe("policy");
    // Short words are left alone rather than cut to nothing.
    expect(stem("mai", "it")).toBe("mai");
  });

  it("keeps only distinctive stems: no stop words, at least 4 characters", () => {
    expect(distinctiveStems("Il cliente della nostra azienda e il suo post", "it")).toEqual(new Set(["client", "aziend", "post"]));
    expect(distinctiveStems("What is the company's policy on it?", "en")).toEqual(new Set(["company", "policy"]));
  });

  it("computes the Jaccard index", () => {
    expect(jaccard(new Set([1, 2, 3]), new Set([2, 3, 4]))).toBe(0.5);
    expect(jaccard(new Set(), new Set())).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import { optionKey, questionKey, rightOptions } from "./answer-key";
import { deobfuscate, obfuscate } from "./obfuscate";

let n = 0;
const fakeRandom = () => (n++).toString(16).padStart(16, "0");

describe("salted answer keys", () => {
  it("find exactly the right options back, for single and multiple answers", () => {
    const ids = ["a", "b", "c", "d"];
    for (const right of [["b"], ["a", "d"], ["a", "b", "c", "d"]]) {
      const key = questionKey("salt1", "q-1", right, ids.length, fakeRandom);
      expect(key).toHaveLength(ids.length);
      expect(rightOptions("salt1", "q-1", ids, key)).toEqual(right);
    }
  });

  it("do not tell how many options are right, nor which, without hashing", () => {
    const one = questionKey("s", "q", ["a"], 4, fakeRandom);
    const three = questionKey("s", "q", ["a", "b", "c"], 4, fakeRandom);
    expect(one).toHaveLength(4);
    expect(three).toHaveLength(4);
    for (const entry of [...one, ...three]) {
      expect(entry).toMatch(/^[0-9a-f]{16}$/);
      expect(["a", "b", "c", "d"]).not.toContain(entry);
    }
    expect([...one].sort()).toEqual(one);
  });

  it("depend on the salt and on the question", () => {
    expect(optionKey("s1", "q", "a")).not.toBe(optionKey("s2", "q", "a"));
    expect(optionKey("s", "q1", "a")).not.toBe(optionKey("s", "q2", "a"));
    expect(rightOptions("other-salt", "q-1", ["a", "b"], questionKey("salt1", "q-1", ["a"], 2, fakeRandom))).toEqual([]);
  });
});

describe("obfuscated package data", () => {
  it("round-trips any JSON, Italian accents included, and shows none of it in plain text", () => {
    const value = { prompt: "Perché è così? «Sì»", options: [{ id: "a", text: "Già" }], n: 3 };
    const encoded = obfuscate(value, "seed-1");
    expect(deobfuscate(encoded, "seed-1")).toEqual(value);
    expect(encoded).not.toContain("Perch");
    expect(Buffer.from(encoded, "base64").toString("latin1")).not.toContain("prompt");
    expect(() => JSON.parse(encoded)).toThrow();
  });

  it("needs its seed", () => {
    const encoded = obfuscate({ a: 1 }, "seed-1");
    expect(() => deobfuscate(encoded, "seed-2")).toThrow();
  });
});

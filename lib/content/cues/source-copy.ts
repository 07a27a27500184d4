/**
 * source-copy: finds sentences that repeat `SOURCE_NGRAM_WORDS` consecutive words of the
 * course's source article. The article is not in the repository: only the SHA-256 of each of
 * its normalised word 8-grams is (`source-ngrams.txt`, written by `scripts/source-ngrams.ts`),
 * so the check needs no copy of the text and the list cannot be read back into it.
 *
 * Normalisation is `./text`'s (lower case, no accents, punctuation and apostrophes as spaces);
 * an 8-gram is eight consecutive words joined by single spaces. Pure module.
 */
import { createHash } from "node:crypto";
import { SOURCE_NGRAM_WORDS } from "./thresholds";

/** SHA-256 (hex) of one n-gram (words already normalised). */
export function ngramHash(ngram: readonly string[]): string {
  return createHash("sha256").update(ngram.join(" ")).digest("hex");
}

interface Token {
  word: string;
  /** Offset in the original text. */
  offset: number;
}

/** Normalised words with their offsets in `text` (the same words as `./text`'s `words`). */
export function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const word = m[0].normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase();
    if (word !== "") out.push({ word, offset: m.index });
  }
  return out;
}

/** The sorted, distinct hashes of every n-gram of `text`: the content of `source-ngrams.txt`. */
export function sourceNgramHashes(text: string, n = SOURCE_NGRAM_WORDS): string[] {
  const ws = tokens(text).map((t) => t.word);
  const hashes = new Set<string>();
  for (let i = 0; i + n <= ws.length; i++) hashes.add(ngramHash(ws.slice(i, i + n)));
  return [...hashes].sort();
}

export interface CopiedSentence {
  line: number;
  column: number;
  /** The sentence's first words, to recognise it. */
  excerpt: string;
  /** How many of the sentence's words belong to a copied n-gram. */
  copiedWords: number;
}

/**
 * Sentences of `text` that contain an n-gram whose hash is in `hashes`. A sentence ends at
 * `.`, `!`, `?`, a blank line, or a YAML/Markdown structure line (a line starting with `-`,
 * `#` or a `key:`), so texts in different fields of a file are never joined.
 */
export function copiedSentences(text: string, hashes: ReadonlySet<string>, n = SOURCE_NGRAM_WORDS): CopiedSentence[] {
  const toks = tokens(text);
  if (toks.length < n || hashes.size === 0) return [];
  const sentenceOf: number[] = [];
  let sentence = 0;
  toks.forEach((t, i) => {
    if (i > 0 && endsSentence(text.slice(toks[i - 1]!.offset + toks[i - 1]!.word.length, t.offset))) sentence++;
    sentenceOf.push(sentence);
  });
  const copied = new Array<boolean>(toks.length).fill(false);
  for (let i = 0; i + n <= toks.length; i++) {
    if (sentenceOf[i] !== sentenceOf[i + n - 1]) continue;
    if (hashes.has(ngramHash(toks.slice(i, i + n).map((t) => t.word)))) for (let k = i; k < i + n; k++) copied[k] = true;
  }
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const position = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };

  const found: CopiedSentence[] = [];
  for (let i = 0; i < toks.length; ) {
    let j = i;
    while (j < toks.length && sentenceOf[j] === sentenceOf[i]) j++;
    const count = copied.slice(i, j).filter(Boolean).length;
    if (count > 0) {
      const start = toks[i]!.offset;
      const end = toks[Math.min(j, i + 10) - 1]!;
      found.push({ ...position(start), excerpt: text.slice(start, end.offset + end.word.length).replace(/\s+/g, " ") + (j - i > 10 ? "…" : ""), copiedWords: count });
    }
    i = j;
  }
  return found;
}

/** Whether the characters between two words end a sentence or a field. */
function endsSentence(between: string): boolean {
  return /[.!?]/.test(between) || /\n\s*\n/.test(between) || /\n\s*(?:[-#>|]|[A-Za-z_]+:)/.test(between);
}

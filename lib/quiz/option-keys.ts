/**
 * The option ids a learner sees. The ids trainers write (`a`, `b`, `true`…) say where the
 * author put the key — authors tend to write it first — so they never leave the server: each
 * attempt gets its own random id per option at the draw (`DrawnQuestion.optionKeys`), the
 * browser sees and sends only those, and the server maps them back before grading. Pure module.
 */
import { cryptoRandom, type Rng } from "./random";
import type { DrawnQuestion } from "./types";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const KEY_LENGTH = 8;

/** `count` distinct random ids (8 characters of a-z0-9: ~41 bits each). */
export function newOptionKeys(count: number, rng: Rng = cryptoRandom): string[] {
  const keys = new Set<string>();
  while (keys.size < count) {
    let key = "";
    for (let i = 0; i < KEY_LENGTH; i++) key += ALPHABET[Math.min(ALPHABET.length - 1, Math.floor(rng() * ALPHABET.length))];
    keys.add(key);
  }
  return [...keys];
}

/**
 * The id the learner sees for an authored option id of a drawn question. An attempt drawn
 * before option keys existed shows the authored ids.
 */
export function shownOptionId(drawn: DrawnQuestion, authoredId: string): string {
  if (!drawn.optionKeys) return authoredId;
  const i = drawn.optionOrder.indexOf(authoredId);
  return i < 0 ? authoredId : (drawn.optionKeys[i] ?? authoredId);
}

/** Cannot be an authored id (the content schema allows no such character): it fails validation as an unknown option. */
const UNKNOWN = "\u0000unknown";

/**
 * A learner's answers (question id → the ids they were shown) in authored ids, ready to
 * validate and grade. An id that is not one of the attempt's keys — an authored id guessed
 * from the content, say — maps to nothing that validates. Anything not shaped like answers is
 * returned as it is, for validation to refuse.
 */
export function authoredAnswers(drawn: readonly DrawnQuestion[], raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return raw;
  const byQuestion = new Map(drawn.map((q) => [q.questionId, q]));
  const out: Record<string, unknown> = {};
  for (const [questionId, chosen] of Object.entries(raw)) {
    const q = byQuestion.get(questionId);
    if (!q?.optionKeys || !Array.isArray(chosen)) {
      out[questionId] = chosen;
      continue;
    }
    out[questionId] = chosen.map((id) => {
      const i = typeof id === "string" ? q.optionKeys!.indexOf(id) : -1;
      return i < 0 ? UNKNOWN : q.optionOrder[i];
    });
  }
  return out;
}

/** The other way round: answers in authored ids as the learner would send them (seeds, tests, the benchmark). */
export function shownAnswers(drawn: readonly DrawnQuestion[], authored: Record<string, readonly string[]>): Record<string, string[]> {
  const byQuestion = new Map(drawn.map((q) => [q.questionId, q]));
  return Object.fromEntries(
    Object.entries(authored).map(([questionId, ids]) => {
      const q = byQuestion.get(questionId);
      return [questionId, q ? ids.map((id) => shownOptionId(q, id)) : [...ids]];
    }),
  );
}

/**
 * The answer key of a packaged quiz: per question, a salted hash of each right option's id,
 * padded with random values to as many entries as the question has options (so the count does
 * not tell how many options to pick) and sorted. The runtime finds the right options by hashing
 * each option id the same way. Anyone with the package and this code can do the same: it keeps
 * the key out of plain sight, nothing more (see README, "Use the course in your LMS").
 * Pure module, shared by the exporter and the browser runtime.
 */

/** 64 bits of FNV-1a over `text`, as 16 hex digits (two independent 32-bit lanes). */
export function keyHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/** The hash stored for option `optionId` of question `questionId` in a package salted with `salt`. */
export function optionKey(salt: string, questionId: string, optionId: string): string {
  return keyHash(`${salt}\u0000${questionId}\u0000${optionId}`);
}

/**
 * The key entries of one question: the hashes of its right options plus random 16-hex-digit
 * padding up to `optionCount` entries, sorted. `randomHex` is injectable for tests.
 */
export function questionKey(
  salt: string,
  questionId: string,
  rightOptionIds: readonly string[],
  optionCount: number,
  randomHex: () => string,
): string[] {
  const entries = rightOptionIds.map((id) => optionKey(salt, questionId, id));
  while (entries.length < optionCount) entries.push(randomHex());
  return entries.sort();
}

/** The ids among `optionIds` whose hash is in `key`. */
export function rightOptions(salt: string, questionId: string, optionIds: readonly string[], key: readonly string[]): string[] {
  const set = new Set(key);
  return optionIds.filter((id) => set.has(optionKey(salt, questionId, id)));
}

import "server-only";
import fs from "node:fs";
import path from "node:path";

/** The committed hash list of the source article's 8-grams (see `./source-copy`). */
export const SOURCE_NGRAMS_FILE = path.join(process.cwd(), "lib", "content", "cues", "source-ngrams.txt");

/** Reads a hash list: one hex hash per line, other lines ignored; null when the file cannot be read. */
export function readSourceNgrams(file: string = SOURCE_NGRAMS_FILE): Set<string> | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
  return new Set(text.split("\n").map((l) => l.trim()).filter((l) => /^[0-9a-f]{64}$/.test(l)));
}

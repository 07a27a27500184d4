/**
 * `npx tsx scripts/source-ngrams.ts <source-article.txt> [output]`: writes the SHA-256 of every
 * normalised word 8-gram of the course's source article to `lib/content/cues/source-ngrams.txt`
 * (or `output`), one per line, sorted. content:check reports any lesson, quiz, policy or notice
 * sentence with one of these 8-grams (rule source-copy). Only the hashes are committed, never
 * the article. Run it again when the source article changes.
 */
import fs from "node:fs";
import path from "node:path";
import { sourceNgramHashes } from "@/lib/content/cues/source-copy";
import { SOURCE_NGRAMS_FILE } from "@/lib/content/cues/source-ngrams";
import { SOURCE_NGRAM_WORDS } from "@/lib/content/cues/thresholds";

const [source, output = SOURCE_NGRAMS_FILE] = process.argv.slice(2);
if (!source) {
  console.error("usage: npx tsx scripts/source-ngrams.ts <source-article.txt> [output]");
  process.exit(2);
}
const hashes = sourceNgramHashes(fs.readFileSync(source, "utf8"));
const header = `# SHA-256 of each normalised ${SOURCE_NGRAM_WORDS}-word sequence of the course's source article (scripts/source-ngrams.ts); not the text.`;
fs.writeFileSync(output, [header, ...hashes, ""].join("\n"));
console.log(`${path.relative(process.cwd(), output)}: ${hashes.length} hashes`);

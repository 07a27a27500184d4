/**
 * The dossier's `SHA256SUMS`, in the format GNU `sha256sum -c` reads: one line per file,
 * `<64 lower-case hex>  <path>` (two spaces: text mode, which on POSIX reads the same bytes
 * as binary mode), paths relative to the ZIP root, LF line ends. Pure.
 */

export type HashedFile = { path: string; bytes: number; sha256: string };

const HEX = /^[0-9a-f]{64}$/;
/** What `sha256sum -c` could misread: a backslash or a line end would make it escape the name. */
const UNSAFE_PATH = /[\\\n\r]|^\/|(^|\/)\.\.(\/|$)/;

/** @throws Error on a hash that is not 64 hex digits or a path sha256sum would read differently */
export function formatSha256Sums(files: readonly Pick<HashedFile, "path" | "sha256">[]): string {
  return files
    .map((f) => {
      if (!HEX.test(f.sha256)) throw new Error(`SHA256SUMS: not a SHA-256: ${f.sha256}`);
      if (!f.path || UNSAFE_PATH.test(f.path)) throw new Error(`SHA256SUMS: path not allowed: ${JSON.stringify(f.path)}`);
      return `${f.sha256}  ${f.path}\n`;
    })
    .join("");
}

/** The lines of a `SHA256SUMS` text, in order; null when a line is not in the format above. */
export function parseSha256Sums(text: string): { path: string; sha256: string }[] | null {
  const out: { path: string; sha256: string }[] = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m) return null;
    out.push({ sha256: m[1]!, path: m[2]! });
  }
  return out;
}

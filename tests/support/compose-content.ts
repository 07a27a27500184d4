import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * The content the test suites run against: the real `content/` plus the test-only courses in
 * `tests/fixtures/e2e-content/courses` (a short placeholder course with a draft lesson and
 * every MDX component), copied into a fresh folder that `CONTENT_DIR` points at.
 */
export function composeTestContent(root = process.cwd()): string {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), "binomio-content-"));
  fs.cpSync(path.join(root, "content"), dest, { recursive: true });
  fs.cpSync(path.join(root, "tests", "fixtures", "e2e-content", "courses"), path.join(dest, "courses"), { recursive: true });
  return dest;
}

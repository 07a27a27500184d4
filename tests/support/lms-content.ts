import fs from "node:fs";
import path from "node:path";
import { composeTestContent } from "./compose-content";

/**
 * The test content (real course plus fixtures) with every `[PLACEHOLDER]` of the policy
 * template filled in, as a company would before exporting the course to its LMS.
 */
export function composeFilledContent(root = process.cwd()): string {
  const dir = composeTestContent(root);
  const file = path.join(dir, "policy", "policy.yaml");
  const filled = fs.readFileSync(file, "utf8").replace(/\[[A-ZÀ-Ý][A-ZÀ-Ý0-9 '’.,/-]*\]/g, (m) => `Acme ${m.slice(1, -1).toLowerCase()}`);
  fs.writeFileSync(file, filled);
  return dir;
}

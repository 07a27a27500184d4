import fs from "node:fs";
import { composeTestContent } from "./compose-content";

/** Every vitest worker reads the composed content (real course + test fixture course). */
export default function setup() {
  const dir = composeTestContent();
  process.env.CONTENT_DIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

import "server-only";
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { defaultContentRoot } from "@/lib/content/paths";
import { DeclarationSchema, type DeclarationTemplate } from "./declaration";

/** `content/declaration/declaration.yaml` under a content root. */
export function declarationFile(root = defaultContentRoot()): string {
  return path.join(root, "declaration", "declaration.yaml");
}

const cache = new Map<string, DeclarationTemplate | null>();

/**
 * The declaration template, or null when the content has none. Read once per process, like
 * the policy: content changes ship with a new build. An invalid file throws (content:check
 * names the problem at file:line before it gets here).
 */
export function declarationTemplate(root = defaultContentRoot()): DeclarationTemplate | null {
  const file = declarationFile(root);
  if (!cache.has(file)) cache.set(file, fs.existsSync(file) ? DeclarationSchema.parse(parse(fs.readFileSync(file, "utf8"))) : null);
  return cache.get(file)!;
}

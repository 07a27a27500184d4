import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { PolicySchema } from "@/lib/policy/policy";
import { NoticeSchema } from "@/lib/privacy/notice";
import { placeholderProblems, type Placeholder, type TextDocument } from "@/lib/texts/placeholders";
import type { Problem } from "./problems";
import { validateYaml } from "./yaml-validate";

/**
 * `content:check` for the texts a company adapts: the social media policy and the privacy
 * notice. Schema problems at file:line; a `[TOKEN]` that no placeholder declares is an error
 * (it could never be filled, so learners would never see the text); a declared placeholder
 * the text does not use is a warning; both languages must have the same sections.
 */
export function checkCompanyTexts(root: string): Problem[] {
  const problems: Problem[] = [];
  const files: [string, z.ZodType<{ placeholders: Placeholder[]; it: TextDocument; en: TextDocument }>][] = [
    [path.join(root, "policy", "policy.yaml"), PolicySchema],
    [path.join(root, "privacy", "notice.yaml"), NoticeSchema],
  ];
  for (const [file, schema] of files) {
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, "utf8");
    const r = validateYaml(text, schema, { file, localizedKeys: ["it", "en"] });
    problems.push(...r.problems);
    if (!r.ok) continue;
    const { undeclared, unused } = placeholderProblems({ it: r.data.it, en: r.data.en }, r.data.placeholders);
    for (const u of undeclared) {
      problems.push({
        file,
        ...lineOf(text, u.token),
        severity: "error",
        message: `placeholder ${u.token} (${u.locale}) is not declared: it could never be filled, so learners would never see this text`,
        hint: "add it to `placeholders:` at the top of the file (key, token it/en, label it/en), or remove the square brackets",
      });
    }
    for (const key of unused) {
      problems.push({ file, ...r.locate(["placeholders"], { preferKey: true }), severity: "warning", message: `placeholder "${key}" is declared but the text never uses it` });
    }
    if (r.data.it.sections.length !== r.data.en.sections.length) {
      problems.push({
        file,
        ...r.locate(["en", "sections"], { preferKey: true }),
        severity: "error",
        message: `the Italian text has ${r.data.it.sections.length} sections and the English one ${r.data.en.sections.length}: both languages must have the same sections, in the same order`,
      });
    }
  }
  return problems;
}

function lineOf(text: string, needle: string): { line: number; column: number } {
  const i = text.indexOf(needle);
  if (i < 0) return { line: 1, column: 1 };
  const before = text.slice(0, i).split("\n");
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

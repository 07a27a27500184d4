import "server-only";
import fs from "node:fs";
import { declarationProblems, DeclarationSchema } from "@/lib/dossier/declaration";
import { declarationFile } from "@/lib/dossier/declaration-file";
import { displayPath } from "./paths";
import type { Problem } from "./problems";
import { validateYaml } from "./yaml-validate";

/**
 * `content:check` for the dichiarazione sostitutiva template (content/declaration/): schema
 * problems at file:line; a `[TOKEN]` no placeholder declares, or square brackets that are not a
 * token (`[ ]`, `[nome]`), is an error — the declaration could never be printed, or would reach
 * the legal representative with a blank; a declared placeholder the text never uses is a warning.
 */
export function checkDeclaration(root: string): Problem[] {
  const abs = declarationFile(root);
  if (!fs.existsSync(abs)) return [];
  const file = displayPath(abs);
  const text = fs.readFileSync(abs, "utf8");
  const r = validateYaml(text, DeclarationSchema, { file });
  if (!r.ok) return r.problems;
  const problems = [...r.problems];
  for (const p of declarationProblems(r.data)) {
    if (p.kind === "unused") {
      problems.push({ file, ...r.locate(["placeholders"], { preferKey: true }), severity: "warning", message: `placeholder "${p.key}" is declared but the text never uses it` });
      continue;
    }
    const at = tokenPosition(text, p.token, r.locate(p.path));
    problems.push(
      p.kind === "undeclared"
        ? {
            file,
            ...at,
            severity: "error",
            message: `placeholder ${p.token} is not declared: the declaration could never be filled`,
            hint: "add it to `placeholders:` (key, token, label, from), or remove the square brackets",
          }
        : {
            file,
            ...at,
            severity: "error",
            message: `${p.token} is a blank, not a placeholder: it would reach the legal representative unfilled`,
            hint: "use a declared placeholder in capitals, e.g. [RAGIONE SOCIALE], or write the text out",
          },
    );
  }
  return problems;
}

/** Where `token` first appears at or after `from` (the statement holding it), else `from`. */
function tokenPosition(text: string, token: string, from: { line: number; column: number }): { line: number; column: number } {
  const lines = text.split("\n");
  const start = lines.slice(0, from.line - 1).reduce((n, l) => n + l.length + 1, 0) + from.column - 1;
  const i = text.indexOf(token, start);
  if (i < 0) return from;
  const before = text.slice(0, i).split("\n");
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

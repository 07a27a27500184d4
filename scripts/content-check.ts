/**
 * `npm run content:check [dir]`: validates every course, lesson and quiz under `content/` (or `dir`)
 * and prints each problem as `path:line:column message`, then a summary. Exit code 1 when
 * there is at least one error, 0 otherwise (warnings alone pass).
 */
import "server-only";
import path from "node:path";
import { checkContent } from "@/lib/content/check";
import { formatProblem, hasErrors } from "@/lib/content/problems";

async function main(): Promise<number> {
  const root = path.resolve(process.argv[2] ?? "content");
  const started = Date.now();
  const report = await checkContent(root);
  for (const p of report.problems) console.log(formatProblem(p));
  const errors = report.problems.filter((p) => p.severity === "error").length;
  const warnings = report.problems.filter((p) => p.severity === "warning").length;
  const notes = report.problems.length - errors - warnings;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : word.endsWith("z") ? "zes" : "s"}`;
  console.log(
    `\ncontent:check ${path.relative(process.cwd(), root) || "."}: ${plural(report.courses, "course")}, ` +
      `${plural(report.lessons, "lesson")}, ${plural(report.quizzes, "quiz")}, ${plural(report.files, "file")} compiled in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
      `${plural(errors, "error")}, ${plural(warnings, "warning")}${notes > 0 ? `, ${plural(notes, "note")}` : ""}`,
  );
  return hasErrors(report.problems) ? 1 : 0;
}

main().then(
  // Exit only once stdout has drained: into a pipe it is written asynchronously, and a long
  // report would be cut short by an immediate exit.
  (code) => process.stdout.write("", () => process.exit(code)),
  (e: unknown) => {
    console.error(`content:check failed unexpectedly: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(2);
  },
);

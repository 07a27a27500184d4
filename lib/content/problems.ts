/**
 * A problem found in the content tree, positioned so an editor can jump to it
 * (`path:line:column`). Pure module.
 */

/** A note informs (e.g. a cue rule a question silenced, with the author's reason): it is neither to fix nor to fail on. */
export type ProblemSeverity = "error" | "warning" | "note";

export interface Problem {
  /** Path of the file, relative to the working directory (the repository root) when inside it. */
  file: string;
  /** 1-based line in the file. */
  line: number;
  /** 1-based column in the file. */
  column: number;
  message: string;
  /** What to do about it, in plain words. */
  hint?: string;
  severity: ProblemSeverity;
  /** For schema problems: the YAML key path that failed validation, e.g. `["completion", "passMark"]`. */
  path?: (string | number)[];
}

/** `path:line:column message`, followed by an indented `hint: …` line when there is a hint. */
export function formatProblem(p: Problem): string {
  const head = `${p.file}:${p.line}:${p.column} ${p.severity === "error" ? "" : `${p.severity}: `}${p.message}`;
  return p.hint ? `${head}\n  hint: ${p.hint}` : head;
}

/** Sorts by file, then line, then column (a stable order for output and tests). */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
}

/** True when at least one problem is an error (warnings alone do not fail a check). */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}

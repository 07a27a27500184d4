/**
 * Parses a YAML document and validates it with a zod schema, reporting every problem at the
 * line and column of the offending key or value (so `duration: "ten"` points at `"ten"`).
 * Pure module: takes text, returns data or problems.
 */
import { LineCounter, isCollection, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from "yaml";
import type { z } from "zod";
import type { Problem } from "./problems";
import { closestMatch } from "./suggest";

export interface YamlValidationOptions {
  /** File name used in problems. */
  file: string;
  /** Lines before the YAML text in its file (1 for frontmatter, which follows a `---` line). */
  lineOffset?: number;
  /** Top-level keys that hold per-language values (`it:`/`en:`), for a more helpful hint. */
  localizedKeys?: readonly string[];
}

/**
 * Where a key path points in the validated file (see {@link validateYaml}): used to position
 * problems found after validation, such as references to other files.
 */
export type YamlLocator = (path: readonly PathSegment[], options?: { preferKey?: boolean }) => Position;

export type YamlValidation<T> =
  | { ok: true; data: T; problems: Problem[]; locate: YamlLocator }
  | { ok: false; problems: Problem[] };

export type PathSegment = string | number;
export interface Position {
  line: number;
  column: number;
}

/**
 * Parses `text` as YAML and validates it against `schema`. YAML syntax errors and schema
 * errors become {@link Problem}s positioned in the file (shifted by `lineOffset`); YAML
 * warnings are returned as warnings alongside valid data.
 */
export function validateYaml<S extends z.ZodType>(
  text: string,
  schema: S,
  options: YamlValidationOptions,
): YamlValidation<z.output<S>> {
  const { file, lineOffset = 0, localizedKeys = [] } = options;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line: p.line + lineOffset, column: p.col };
  };

  const yamlProblems: Problem[] = [];
  for (const [list, severity] of [
    [doc.errors, "error"],
    [doc.warnings, "warning"],
  ] as const) {
    for (const e of list) {
      yamlProblems.push({
        file,
        ...at(e.pos[0]),
        message: `YAML: ${e.message}`,
        hint: yamlHint(e.code),
        severity,
      });
    }
  }
  if (doc.errors.length > 0) return { ok: false, problems: yamlProblems };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    return {
      ok: false,
      problems: [...yamlProblems, { file, line: 1 + lineOffset, column: 1, message: `YAML: ${(e as Error).message}`, severity: "error" }],
    };
  }

  const result = schema.safeParse(value ?? {});
  if (result.success) {
    const locateIn: YamlLocator = (path, opts = {}) => locate(doc, path, at, lineOffset, opts.preferKey ?? false);
    return { ok: true, data: result.data, problems: yamlProblems, locate: locateIn };
  }

  const problems = [...yamlProblems];
  for (const issue of result.error.issues) {
    const path = issue.path.filter((s): s is PathSegment => typeof s !== "symbol");
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(schema, path);
      for (const key of issue.keys) {
        const keyPath = [...path, key];
        const located = locate(doc, keyPath, at, lineOffset, true);
        const suggestion = closestMatch(key, known);
        problems.push({
          file,
          ...located,
          message: `${pathLabel(keyPath)}: unknown key`,
          hint: suggestion
            ? `did you mean \`${suggestion}\`?`
            : known.length > 0
              ? `allowed keys here: ${known.join(", ")}`
              : undefined,
          severity: "error",
          path: keyPath,
        });
      }
      continue;
    }
    // An enum reports a missing value as invalid_value, other types as invalid_type.
    const missing = (issue.code === "invalid_type" || issue.code === "invalid_value") && path.length > 0 && valueAt(value, path) === undefined;
    const notAMap = issue.code === "invalid_type" && path.length === 0;
    problems.push({
      file,
      ...locate(doc, path, at, lineOffset),
      message: `${pathLabel(path)}: ${missing ? "is required" : notAMap ? "must be a set of `key: value` lines" : issue.message}`,
      hint: customHint(issue) ?? schemaHint(path, issue.code, missing, localizedKeys),
      severity: "error",
      path,
    });
  }
  return { ok: false, problems };
}

/** `objectives[1]`, `completion.passMark`, or `(document)` for the root. */
export function pathLabel(path: readonly PathSegment[]): string {
  if (path.length === 0) return "(document)";
  return path.reduce<string>(
    (acc, seg) => (typeof seg === "number" ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg),
    "",
  );
}

function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let cur = value;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PathSegment, unknown>)[seg];
  }
  return cur;
}

/**
 * Where a path points in the document: the value for scalars (so the column shows the bad
 * value), the key for collections and empty values, and for a missing key the key of the
 * collection that should contain it (or the collection's first line).
 */
function locate(
  doc: Document,
  path: readonly PathSegment[],
  at: (offset: number) => Position,
  lineOffset: number,
  preferKey = false,
): Position {
  let cur: unknown = doc.contents;
  let keyNode: Node | null = null;
  for (const seg of path) {
    if (isMap(cur)) {
      const pair = cur.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return fromNode(keyNode) ?? fromNode(cur) ?? { line: 1 + lineOffset, column: 1 };
      keyNode = isScalar(pair.key) ? pair.key : null;
      cur = pair.value;
    } else if (isSeq(cur) && typeof seg === "number") {
      const item: unknown = cur.items[seg];
      if (item === undefined) return fromNode(keyNode) ?? fromNode(cur) ?? { line: 1 + lineOffset, column: 1 };
      keyNode = null;
      cur = item;
    } else {
      break;
    }
  }
  if (preferKey && keyNode) return fromNode(keyNode) ?? { line: 1 + lineOffset, column: 1 };
  if (isScalar(cur) && cur.value !== null) return fromNode(cur) ?? fromNode(keyNode) ?? { line: 1 + lineOffset, column: 1 };
  if (isCollection(cur) && !keyNode) return fromNode(cur) ?? { line: 1 + lineOffset, column: 1 };
  return fromNode(keyNode) ?? fromNode(cur) ?? { line: 1 + lineOffset, column: 1 };

  function fromNode(node: unknown): Position | null {
    if (!node || typeof node !== "object" || !("range" in node)) return null;
    const range = (node as { range?: [number, number, number] | null }).range;
    return range ? at(range[0]) : null;
  }
}

/** The keys a strict object schema accepts at `path` (empty when it cannot be told). */
function knownKeysAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  let cur: unknown = schema;
  for (const seg of [...path, null]) {
    cur = unwrap(cur);
    if (typeof seg === "number") {
      cur = defOf(cur)?.element;
      continue;
    }
    const shape = (cur as { shape?: Record<string, unknown> } | undefined)?.shape;
    if (!shape) return [];
    if (seg === null) return Object.keys(shape);
    cur = shape[String(seg)];
  }
  return [];
}

interface SchemaDef {
  innerType?: unknown;
  element?: unknown;
  out?: unknown;
}

function defOf(schema: unknown): SchemaDef | undefined {
  return (schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def;
}

function unwrap(schema: unknown): unknown {
  let cur = schema;
  // Optional, default and prefault wrappers keep the wrapped schema in `def.innerType`;
  // preprocess pipes keep the validating schema in `def.out`.
  for (let i = 0; i < 5; i++) {
    const def = defOf(cur);
    const inner = def?.innerType ?? def?.out;
    if (!inner) break;
    cur = inner;
  }
  return cur;
}

/** A hint a schema refinement attached to its issue (`params: { hint }`). */
function customHint(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code !== "custom") return undefined;
  const hint: unknown = issue.params?.hint;
  return typeof hint === "string" ? hint : undefined;
}

function yamlHint(code: string): string | undefined {
  switch (code) {
    case "DUPLICATE_KEY":
      return "each key may appear only once: remove or merge the repeated one";
    case "TAB_AS_INDENT":
      return "indent with spaces, not tabs";
    case "BAD_INDENT":
    case "MULTILINE_IMPLICIT_KEY":
    case "BLOCK_AS_IMPLICIT_KEY":
      return "check the indentation and that every text containing `: ` or starting with a quote is wrapped in quotes";
    default:
      return undefined;
  }
}

function schemaHint(
  path: readonly PathSegment[],
  code: string,
  missing: boolean,
  localizedKeys: readonly string[],
): string | undefined {
  const key = path[path.length - 1];
  if (missing) {
    if (key === "it") return "the Italian text is required; English is optional";
    return typeof key === "string" ? `add a line \`${key}: …\`` : undefined;
  }
  if (typeof key === "string" && localizedKeys.includes(key) && code === "invalid_type") {
    return key === "objectives" && path.length === 1
      ? "write a list per language: `objectives:` then `it:` and `en:`, each followed by lines starting with `- `"
      : `write one line per language under \`${key}:\`, indented: \`it: …\` and \`en: …\` (English optional)`;
  }
  const parent = path[path.length - 2];
  if ((key === "it" || key === "en") && (parent === "feedback" || parent === "explanation") && code === "too_small") {
    return key === "en"
      ? "write the English text, or remove the `en:` line to show the Italian one"
      : parent === "feedback"
        ? "say why this option is right or wrong, or remove `feedback:`"
        : "explain the right answer in a sentence or two";
  }
  switch (key) {
    case "version":
      return 'put the version in quotes, e.g. version: "1.0"';
    case "duration":
    case "plannedMinutes":
      return code === "invalid_type" ? "write the minutes as a plain whole number, without quotes or units, e.g. 8" : undefined;
    case "status":
      return "use draft while you write, published when learners may see it";
    case "attendanceThreshold":
    case "passMark":
      return "write a whole number from 0 to 100, without the % sign";
    case "forcedSequence":
      return "write true or false";
    default:
      return code === "invalid_type" && (key === "objectives" || key === "sources")
        ? "write one item per line, each starting with `- `"
        : undefined;
  }
}

import "server-only";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Plugin } from "esbuild";
import { bundleMDX } from "mdx-bundler";
import type { LessonVariant } from "./catalog";
import { ALLOWED_HTML_ELEMENTS, MDX_COMPONENT_NAMES } from "./mdx-components";
import { emptyFindings, remarkContentRules, type MdxFindings } from "./mdx-rules";
import type { Problem } from "./problems";
import type { LessonFrontmatter } from "./schemas";
import { env } from "@/lib/env";

/** A compiled lesson: the code for `LessonBody`, and the lesson's validated frontmatter. */
export interface CompiledLesson {
  code: string;
  frontmatter: LessonFrontmatter;
}

/** Thrown by {@link compileLesson} when the MDX has errors; `problems` say where. */
export class LessonCompileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: Problem[],
  ) {
    const first = problems[0];
    super(first ? `${first.file}:${first.line}:${first.column} ${first.message}` : `cannot compile ${file}`);
    this.name = "LessonCompileError";
  }
}

/** The result of running the compiler once, without any cache. */
export interface LessonAnalysis {
  /** null when there were errors. */
  code: string | null;
  /** Errors and warnings positioned in the lesson file. */
  problems: Problem[];
  /** Lesson links and asset references, for the checker. */
  findings: MdxFindings;
}

/**
 * Changes whenever compiled output could differ for the same source: compiler versions, the
 * rules, the registry. Versions are read from disk rather than imported so the Next bundle
 * never has to include esbuild itself.
 */
const COMPILER_FINGERPRINT = createHash("sha256")
  .update(
    [
      `mdx-bundler@${installedVersion("mdx-bundler")}`,
      `esbuild@${installedVersion("esbuild")}`,
      "rules@1",
      MDX_COMPONENT_NAMES.join(","),
      Object.keys(ALLOWED_HTML_ELEMENTS).join(","),
    ].join("|"),
  )
  .digest("hex")
  .slice(0, 16);

function installedVersion(pkg: string): string {
  try {
    const manifest: unknown = JSON.parse(fs.readFileSync(path.join(process.cwd(), "node_modules", pkg, "package.json"), "utf8"));
    return manifest && typeof manifest === "object" && "version" in manifest ? String(manifest.version) : "unknown";
  } catch {
    return "unknown";
  }
}

const MAX_MEMORY_ENTRIES = 500;
const memory = new Map<string, Promise<string>>();
const stats = { compiles: 0, memoryHits: 0, diskHits: 0 };

/** Imports the compiled MDX itself needs; everything else is refused. */
const ALLOWED_IMPORTS = new Set(["react", "react/jsx-runtime", "react-dom"]);
const denyImports: Plugin = {
  name: "binomio-deny-imports",
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === "entry-point" || ALLOWED_IMPORTS.has(args.path)
        ? undefined
        : { errors: [{ text: `import "${args.path}" is not allowed in lessons` }] },
    );
  },
};

/**
 * Compiles a lesson variant with mdx-bundler, at most once per content hash:
 * an in-memory map first, then the disk cache (`MDX_CACHE_DIR`, default
 * `.next/cache/binomio-mdx`, written atomically), and only then the compiler (~0.3 s, an
 * esbuild process). Concurrent calls for the same lesson share one compilation.
 *
 * @throws {LessonCompileError} when the MDX has errors (syntax, unknown components, …).
 */
export async function compileLesson(variant: LessonVariant): Promise<CompiledLesson> {
  const key = `${variant.contentHash}-${COMPILER_FINGERPRINT}`;
  let pending = memory.get(key);
  if (pending) {
    stats.memoryHits++;
    memory.delete(key); // re-inserting keeps the most recently used entries last
    memory.set(key, pending);
  } else {
    const created = loadOrCompile(key, variant);
    pending = created;
    memory.set(key, created);
    if (memory.size > MAX_MEMORY_ENTRIES) {
      const oldest = memory.keys().next().value;
      if (oldest !== undefined) memory.delete(oldest);
    }
    created.catch(() => {
      if (memory.get(key) === created) memory.delete(key);
    });
  }
  return { code: await pending, frontmatter: variant.frontmatter };
}

/** Counters proving whether the compiler ran: compilations, memory hits, disk hits. */
export function compileStats(): { compiles: number; memoryHits: number; diskHits: number } {
  return { ...stats };
}

/** Resets the counters of {@link compileStats}. */
export function resetCompileStats(): void {
  stats.compiles = 0;
  stats.memoryHits = 0;
  stats.diskHits = 0;
}

/** Empties the in-memory cache (the disk cache stays). */
export function clearCompileMemoryCache(): void {
  memory.clear();
}

/** The disk cache folder: `MDX_CACHE_DIR`, or `<cwd>/.next/cache/binomio-mdx`. */
export function compileCacheDir(): string {
  return env().MDX_CACHE_DIR ?? path.join(process.cwd(), ".next", "cache", "binomio-mdx");
}

/**
 * Runs the compiler on one variant with no cache, collecting every problem instead of
 * throwing. MDX positions are file positions: the body is preceded by as many empty lines as
 * the frontmatter took, which also keeps the compiler from seeing a frontmatter block.
 */
export async function analyzeLesson(variant: LessonVariant): Promise<LessonAnalysis> {
  const findings = emptyFindings();
  const problems: Problem[] = [];
  const source = "\n".repeat(Math.max(0, variant.bodyStartLine - 1)) + variant.body;
  const cwd = path.dirname(path.resolve(variant.file));
  stats.compiles++;
  let code: string | null = null;
  try {
    const result = await bundleMDX({
      source,
      cwd,
      mdxOptions(options) {
        options.remarkPlugins = [remarkContentRules(findings), ...(options.remarkPlugins ?? [])];
        return options;
      },
      esbuildOptions(options) {
        options.logLevel = "silent";
        options.target = "es2022";
        options.plugins = [denyImports, ...(options.plugins ?? [])];
        return options;
      },
    });
    code = result.code;
  } catch (e) {
    problems.push(...compilerErrorProblems(e, variant));
  }
  for (const m of findings.messages) problems.push({ file: variant.file, ...m });
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { code: problems.some((p) => p.severity === "error") ? null : code, problems, findings };
}

async function loadOrCompile(key: string, variant: LessonVariant): Promise<string> {
  const dir = compileCacheDir();
  const file = path.join(dir, `${key}.json`);
  const cached = await readCacheFile(file, key);
  if (cached !== null) {
    stats.diskHits++;
    return cached;
  }
  const analysis = await analyzeLesson(variant);
  if (analysis.code === null) {
    throw new LessonCompileError(variant.file, analysis.problems.filter((p) => p.severity === "error"));
  }
  await writeCacheFile(dir, file, { key, code: analysis.code });
  return analysis.code;
}

async function readCacheFile(file: string, key: string): Promise<string | null> {
  try {
    const parsed: unknown = JSON.parse(await fs.promises.readFile(file, "utf8"));
    if (parsed && typeof parsed === "object" && "key" in parsed && "code" in parsed && parsed.key === key && typeof parsed.code === "string") {
      return parsed.code;
    }
  } catch {
    // missing or unreadable: compile instead
  }
  return null;
}

/** Writes to a temporary file and renames it, so readers never see a partial entry. */
async function writeCacheFile(dir: string, file: string, entry: { key: string; code: string }): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await fs.promises.mkdir(dir, { recursive: true });
    await fs.promises.writeFile(tmp, JSON.stringify(entry));
    await fs.promises.rename(tmp, file);
  } catch {
    // A read-only or full disk must not break rendering: the memory cache still works.
    await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
  }
}

interface EsbuildMessage {
  text?: string;
  location?: { line?: number; column?: number } | null;
  detail?: unknown;
}

/** Maps an esbuild/MDX failure to problems at file positions. */
function compilerErrorProblems(error: unknown, variant: LessonVariant): Problem[] {
  const messages = (error as { errors?: EsbuildMessage[] } | null)?.errors;
  if (!Array.isArray(messages) || messages.length === 0) {
    return [{ file: variant.file, line: variant.bodyStartLine, column: 1, severity: "error", message: `cannot compile: ${(error as Error)?.message ?? String(error)}` }];
  }
  return messages.map((m) => {
    const detail = m.detail as { reason?: string; cause?: { reason?: string; message?: string } } | undefined;
    const reason = detail?.cause?.reason ?? detail?.cause?.message ?? m.text ?? "cannot compile";
    const at = positionOf(m, reason) ?? { line: variant.bodyStartLine, column: 1 };
    return { file: variant.file, ...at, severity: "error" as const, message: `MDX: ${reason}`, hint: mdxHint(reason) };
  });
}

/**
 * Where an MDX error is: esbuild's location when it has one; otherwise the first `line:column`
 * the message mentions (e.g. an unclosed tag reports only "Expected a closing tag for `<X>`
 * (14:1-14:25)", the position of the opening tag).
 */
function positionOf(m: EsbuildMessage, reason: string): { line: number; column: number } | null {
  if (m.location?.line && m.location.line > 0) return { line: m.location.line, column: (m.location.column ?? 0) + 1 };
  const found = /(?:^|\()(\d+):(\d+)(?:-\d+:\d+)?(?:\)|:)/.exec(reason);
  return found ? { line: Number(found[1]), column: Number(found[2]) } : null;
}

function mdxHint(reason: string): string | undefined {
  if (/closing tag|end-tag|Expected a closing tag/i.test(reason)) return "every <Component> needs a matching </Component>, or write it self-closing as <Component />";
  if (/Unexpected character .* before name|Unexpected character `<`|lazy/i.test(reason)) return "to write a literal < or {, escape it as \\< or \\{";
  if (/Could not parse expression|Unexpected end of file in expression/i.test(reason)) return "a { starts an attribute value or expression: escape a literal brace as \\{";
  return undefined;
}

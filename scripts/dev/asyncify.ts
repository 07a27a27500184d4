/**
 * A codemod for moving queries onto the asynchronous engine (db/engine): once a query function
 * is async, every call of it must be awaited, every function making such a call becomes async
 * (its declared return type a Promise), and so on up to the pages and route handlers.
 *
 *   npx tsx scripts/dev/asyncify.ts db/queries/heartbeat.ts [more files or file.ts:functionName]
 *
 * The seeds are the async functions declared in the named files (or the named ones). Callbacks
 * that become async are not followed (an async callback to `.map` gives promises, one to
 * `writeTransaction` runs after the commit): the tool lists them for a hand fix. tsc and the
 * tests then show what remains.
 */
import path from "node:path";
import fs from "node:fs";
import ts from "typescript";

const root = process.cwd();
const config = ts.getParsedCommandLineOfConfigFile(path.join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
const program = ts.createProgram(config.fileNames, config.options);
const checker = program.getTypeChecker();
const sources = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !f.fileName.includes("node_modules"));

type Decl = ts.Node;
type Edit = { pos: number; end: number; text: string };
const edits = new Map<ts.SourceFile, Map<string, Edit>>();
const notes: string[] = [];

/** `owner` tells apart equal edits for different nodes (a call and the call it is chained on start alike). */
function edit(file: ts.SourceFile, pos: number, end: number, text: string, owner: ts.Node = file): void {
  let m = edits.get(file);
  if (!m) edits.set(file, (m = new Map()));
  m.set(`${pos}:${end}:${text}:${owner.pos}:${owner.end}`, { pos, end, text });
}

function where(node: ts.Node): string {
  const f = node.getSourceFile();
  const { line } = f.getLineAndCharacterOfPosition(node.getStart());
  return `${path.relative(root, f.fileName)}:${line + 1}`;
}

/** The declaration a call resolves to, keyed as `declarationKey` keys function-likes. */
function calleeDecl(call: ts.CallExpression): Decl | undefined {
  let target: ts.Node = call.expression;
  if (ts.isPropertyAccessExpression(target)) target = target.name;
  let sym = checker.getSymbolAtLocation(target);
  if (!sym) return undefined;
  if (sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
  const decl = sym.valueDeclaration ?? sym.declarations?.[0];
  // `{ beat }` returned from a function: `x.beat()` calls the local `const beat = …`.
  if (decl && ts.isShorthandPropertyAssignment(decl)) return checker.getShorthandAssignmentValueSymbol(decl)?.valueDeclaration ?? decl;
  return decl;
}

type FunctionLike = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

/** What callers resolve to for this function, or undefined for an anonymous callback. */
function declarationKey(fn: FunctionLike): Decl | undefined {
  if (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) return fn;
  const p = fn.parent;
  if (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) return p;
  return undefined;
}

function enclosingFunction(node: ts.Node): FunctionLike | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n)) return n;
    if (ts.isClassStaticBlockDeclaration(n) || ts.isConstructorDeclaration(n) || ts.isAccessor(n)) return undefined;
  }
  return undefined;
}

const isAsync = (fn: FunctionLike) => (ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async) !== 0;


/** Index: callee declaration → its call sites. */
const callsOf = new Map<Decl, ts.CallExpression[]>();
for (const f of sources) {
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const d = calleeDecl(n);
      if (d) {
        const list = callsOf.get(d) ?? [];
        list.push(n);
        callsOf.set(d, list);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(f);
}

function seedsFrom(arg: string): Decl[] {
  const [file, name] = arg.split(":");
  const sf = program.getSourceFile(path.resolve(root, file!));
  if (!sf) throw new Error(`not in the program: ${file}`);
  const out: Decl[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isFunctionDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isMethodDeclaration(n)) && isAsync(n)) {
      const key = declarationKey(n);
      const keyName = key && (key as ts.NamedDeclaration).name?.getText();
      if (key && (!name || keyName === name)) out.push(key);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const queue: Decl[] = process.argv.slice(2).flatMap(seedsFrom);
const seen = new Set<Decl>(queue);
const madeAsync = new Set<FunctionLike>();

/** The synchronous transaction idiom, and what a callback that became async turns it into. */
const TRANSACTIONS: Record<string, string> = { writeTransaction: "write", readTransaction: "read" };
/** Callees known to accept an async callback. */
const ACCEPTS_ASYNC = /^(it|test|beforeAll|beforeEach|afterAll|afterEach|with\w+|authed\w*Action|groupCommit|\w+\.(write|read))$/;
const converted = new Set<ts.CallExpression>();

/** Awaits `call` (now a promise) where it stands, and makes the function around it async. */
function awaitCall(call: ts.CallExpression): void {
  let up: ts.Node = call.parent;
  while (ts.isParenthesizedExpression(up)) up = up.parent;
  if (ts.isAwaitExpression(up)) return;
  const file = call.getSourceFile();
  const fn = enclosingFunction(call);
  // A promise collected for Promise.all is left alone.
  const collector = ts.isArrayLiteralExpression(up) ? up.parent : up;
  if (ts.isCallExpression(collector) && collector.expression !== call && /^Promise\.(all|allSettled|race|any)$/.test(collector.expression.getText())) return;
  // Used as a promise on purpose: `f().catch(…)`, `void f()` (fire and forget).
  if (ts.isVoidExpression(up) || (ts.isPropertyAccessExpression(up) && ["then", "catch", "finally"].includes(up.name.text))) return;
  const returned = ts.isReturnStatement(up) || (ts.isArrowFunction(up) && up.body === call);
  if (returned && fn && !declarationKey(fn)) {
    callbackBecameAsync(fn, call);
    return;
  }
  if (!returned) {
    const wrap = ts.isPropertyAccessExpression(up) || ts.isElementAccessExpression(up) || ts.isNonNullExpression(up) || (ts.isCallExpression(up) && up.expression === call);
    edit(file, call.getStart(), call.getStart(), wrap ? "(await " : "await ", call);
    if (wrap) edit(file, call.getEnd(), call.getEnd(), ")", call);
  }
  if (!fn) {
    notes.push(`${where(call)}: awaited outside any function (top-level await?)`);
    return;
  }
  if (!isAsync(fn) && !madeAsync.has(fn)) {
    madeAsync.add(fn);
    const start = ts.isMethodDeclaration(fn) || ts.isFunctionDeclaration(fn) ? fnKeywordStart(fn) : fn.getStart();
    edit(file, start, start, "async ");
    if (fn.type && !/^Promise</.test(fn.type.getText())) edit(file, fn.type.getStart(), fn.type.getEnd(), `Promise<${fn.type.getText()}>`);
  }
  // A function that was async already returned a promise: its callers handle it as they did.
  if (!madeAsync.has(fn)) return;
  const key = declarationKey(fn);
  if (key) {
    if (!seen.has(key)) {
      seen.add(key);
      queue.push(key);
    }
  } else callbackBecameAsync(fn, call);
}

/** A callback now gives a promise: a synchronous transaction around it becomes the engine's. */
function callbackBecameAsync(fn: FunctionLike, at: ts.Node): void {
  const outer = fn.parent;
  if (!ts.isCallExpression(outer)) {
    notes.push(`${where(at)}: a callback now returns a promise: check what its caller does with it`);
    return;
  }
  const callee = outer.expression.getText();
  const method = TRANSACTIONS[callee];
  if (method && outer.arguments.length === 2 && outer.arguments[1] === fn) {
    if (converted.has(outer)) return;
    converted.add(outer);
    const file = outer.getSourceFile();
    edit(file, outer.expression.getStart(), outer.arguments[1]!.getStart(), `${outer.arguments[0]!.getText()}.${method}(`);
    awaitCall(outer);
    return;
  }
  if (!ACCEPTS_ASYNC.test(callee)) notes.push(`${where(at)}: callback to ${callee} now returns a promise: check what it does with it`);
}

while (queue.length) {
  const decl = queue.shift()!;
  for (const call of callsOf.get(decl) ?? []) awaitCall(call);
}

/** Where `async` goes: after export/default/static…, before `function` or the method's name. */
function fnKeywordStart(fn: ts.FunctionDeclaration | ts.MethodDeclaration): number {
  const mods = ts.canHaveModifiers(fn) ? (ts.getModifiers(fn) ?? []) : [];
  const last = mods.at(-1);
  if (!last) return fn.getStart();
  const text = fn.getSourceFile().text;
  let p = last.getEnd();
  while (/\s/.test(text[p]!)) p++;
  return p;
}

/** The synchronous idiom's import, once no call of it is left. */
function dropUnusedTransactionImports(text: string): string {
  return text.replace(/^import \{ ([^}]*) \} from "(@\/db|\.\.?)\/transaction";\n/m, (line, names: string) => {
    const kept = names.split(",").map((n) => n.trim()).filter((n) => n && new RegExp(`\\b${n}\\(`).test(text));
    return kept.length ? line.replace(names, kept.join(", ")) : "";
  });
}

let changed = 0;
for (const [file, m] of edits) {
  let text = file.text;
  for (const e of [...m.values()].sort((a, b) => b.pos - a.pos || b.end - a.end)) text = text.slice(0, e.pos) + e.text + text.slice(e.end);
  text = dropUnusedTransactionImports(text);
  fs.writeFileSync(file.fileName, text);
  changed++;
}
console.log(`${changed} files changed; ${seen.size} functions async`);
for (const n of [...new Set(notes)].sort()) console.log(`CHECK ${n}`);

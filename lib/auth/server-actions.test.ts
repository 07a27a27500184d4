import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Every server action is a public HTTP endpoint. They are built with `authedAction` or
 * `authedFormAction` (authorize → parse → act, refusals the same everywhere), wherever they
 * live (app/, or lib/ and components/ for one used on many pages), except these, which have
 * no permission to check.
 */
/** `scopedAction`/`scopedFormAction` are the two on company data: the same steps, then the session's scope. */
const WRAPPERS = new Set(["authedAction", "authedFormAction", "scopedAction", "scopedFormAction"]);
const EXCEPTIONS: Record<string, string> = {
  "lib/auth/sign-out-action.ts#signOutAction": "ends whatever session the request has; without one there is nothing to refuse",
  "app/[locale]/(auth)/sign-in/actions.ts#signInAction": "public: the sign-in itself (rate limited)",
  "app/[locale]/(auth)/sign-in/actions.ts#continueAction": "public: the sign-in's e-mail step; its answer depends on the e-mail's domain alone, never on an account",
  "app/[locale]/(auth)/forgot-password/actions.ts#requestLinkAction": "public: the same answer whether or not the account exists (rate limited)",
  "app/[locale]/(auth)/invite/[token]/actions.ts#acceptInvitationAction": "public: authorized by its one-time token",
  "app/[locale]/(auth)/reset-password/[token]/actions.ts#resetPasswordAction": "public: authorized by its one-time token",
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const isUseServer = (s: ts.Statement) => ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression) && s.expression.text === "use server";
const exported = (n: ts.Node) => ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** What a "use server" module exports that is not a wrapped action, as "file#name (why)". */
function unwrappedExports(file: string, source: ts.SourceFile): string[] {
  const found: string[] = [];
  for (const s of source.statements) {
    if (ts.isVariableStatement(s) && exported(s)) {
      for (const d of s.declarationList.declarations) {
        const init = d.initializer;
        const wrapped = init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && WRAPPERS.has(init.expression.text);
        if (!wrapped) found.push(`${file}#${d.name.getText(source)} (not built with a wrapper)`);
      }
    } else if (ts.isFunctionDeclaration(s) && exported(s)) {
      found.push(`${file}#${s.name?.text ?? "default"} (a plain function)`);
    } else if (ts.isExportDeclaration(s) || ts.isExportAssignment(s)) {
      found.push(`${file}#${s.getText(source).slice(0, 60)} (a re-export)`);
    } else if ((ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s)) && exported(s)) {
      found.push(`${file}#${s.name.text} (a type: form states live with their domain in lib/)`);
    }
  }
  return found;
}

/** Server functions declared inside components ("use server" in a function body) bypass the wrappers. */
function inlineServerFunctions(file: string, source: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isFunctionLike(n) || ts.isArrowFunction(n)) && "body" in n && n.body && ts.isBlock(n.body) && n.body.statements.some(isUseServer)) found.push(`${file}:${source.getLineAndCharacterOfPosition(n.getStart(source)).line + 1}`);
    ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

function scan(root: string) {
  const unwrapped: string[] = [];
  const inline: string[] = [];
  const wrappedOrExcepted: string[] = [];
  for (const abs of ["app", "lib", "components"].flatMap((dir) => sourceFiles(path.join(root, dir)))) {
    const text = fs.readFileSync(abs, "utf8");
    if (!text.includes("use server")) continue;
    const file = path.relative(root, abs).split(path.sep).join("/");
    const source = ts.createSourceFile(abs, text, ts.ScriptTarget.Latest, true, abs.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    inline.push(...inlineServerFunctions(file, source));
    if (!source.statements.some(isUseServer)) continue;
    for (const u of unwrappedExports(file, source)) (EXCEPTIONS[u.replace(/ \(.*$/, "")] ? wrappedOrExcepted : unwrapped).push(u);
    wrappedOrExcepted.push(file);
  }
  return { unwrapped, inline, wrappedOrExcepted };
}

describe("server actions", () => {
  const root = path.resolve(__dirname, "../..");

  it("are all built with authedAction, authedFormAction or their scoped forms, but for the listed public ones", () => {
    const { unwrapped, inline } = scan(root);
    expect(unwrapped).toEqual([]);
    expect(inline, "inline server functions").toEqual([]);
  });

  it("lists no exception that no longer exists", () => {
    const { wrappedOrExcepted } = scan(root);
    const stale = Object.keys(EXCEPTIONS).filter((k) => !wrappedOrExcepted.some((u) => u.startsWith(`${k} `)));
    expect(stale).toEqual([]);
  });

  it("would notice an action that is not wrapped", () => {
    const source = (text: string) => ts.createSourceFile("x.ts", text, ts.ScriptTarget.Latest, true);
    const bad = `"use server";
export async function save(prev: unknown, fd: FormData) { return null; }
export const other = async () => null;
export const ok = authedAction("people:manage", S, () => ({ ok: true }));
export type State = { ok: boolean };
export { helper } from "./helper";`;
    expect(unwrappedExports("x.ts", source(bad)).map((u) => u.replace(/ \(.*$/, ""))).toEqual(["x.ts#save", "x.ts#other", "x.ts#State", 'x.ts#export { helper } from "./helper";']);
    expect(inlineServerFunctions("y.tsx", source(`export function Page() { async function act() { "use server"; } return null; }`))).toEqual(["y.tsx:1"]);
  });
});

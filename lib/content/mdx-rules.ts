/**
 * A remark plugin that enforces what lesson MDX may contain and collects what the checker
 * verifies afterwards (links between lessons, asset files). It runs inside mdx-bundler's
 * pipeline, on the parsed tree, before anything is compiled.
 *
 * Rules: no `import`/`export`, no `{…}` JavaScript (comments are fine), only registry
 * components with valid props and literal values, only a few inline HTML elements, links to
 * lessons, anchors, https, e-mail and `./assets/` files only, images only from `lessons/assets/`
 * and with alt text.
 * Forbidden nodes are removed from the tree so nothing they reference gets bundled.
 */
import {
  assetExtension,
  assetNameFromMarkdownSrc,
  IMAGE_EXTENSIONS,
  isSafeAssetName,
} from "./asset-names";
import {
  ALLOWED_HTML_ELEMENTS,
  isMdxComponentName,
  MDX_COMPONENT_NAMES,
  MDX_COMPONENT_SPECS,
  type MdxComponentSpec,
} from "./mdx-components";
import { parseLessonLink } from "./names";
import type { ProblemSeverity } from "./problems";
import { closestMatch } from "./suggest";

/** A rule violation at a position of the MDX source. */
export interface MdxRuleMessage {
  line: number;
  column: number;
  message: string;
  hint?: string;
  severity: ProblemSeverity;
}

/** What the plugin found in one lesson. */
export interface MdxFindings {
  messages: MdxRuleMessage[];
  /** Links of the form `/courses/<course>/<lesson>`. */
  lessonLinks: { url: string; courseSlug: string; lessonSlug: string | null; line: number; column: number }[];
  /** Asset files referenced by `<Figure src>`, Markdown images and links to `./assets/…`. */
  assets: { fileName: string; line: number; column: number }[];
  /** Practice exercises used: `<SpotTheRisk id>` and `<Rewrite id>`. */
  exercises: { id: string; component: "SpotTheRisk" | "Rewrite"; line: number; column: number }[];
}

export function emptyFindings(): MdxFindings {
  return { messages: [], lessonLinks: [], assets: [], exercises: [] };
}

interface Point {
  line: number;
  column: number;
}
interface MdNode {
  type: string;
  name?: string | null;
  value?: unknown;
  url?: string;
  alt?: string | null;
  depth?: number;
  attributes?: MdAttribute[];
  children?: MdNode[];
  position?: { start: Point };
  data?: { estree?: EsProgram | null };
}
interface MdAttribute {
  type: string;
  name?: string;
  value?: string | null | { type: string; value: string; data?: { estree?: EsProgram | null } };
  position?: { start: Point };
}
interface EsNode {
  type: string;
  [key: string]: unknown;
}
interface EsProgram {
  body: EsNode[];
}

/**
 * Builds the remark plugin; findings are appended to `findings`. Pass it first in
 * `remarkPlugins` so it sees only what the author wrote.
 */
export function remarkContentRules(findings: MdxFindings) {
  return function contentRules() {
    return (tree: unknown) => {
      const doomed = new Set<MdNode>();
      let lastHeading = 1;
      const report = (at: Point | undefined, severity: ProblemSeverity, message: string, hint?: string) => {
        findings.messages.push({ line: at?.line ?? 1, column: at?.column ?? 1, message, severity, ...(hint ? { hint } : {}) });
      };

      const visit = (node: MdNode, ancestors: MdNode[]) => {
        const at = node.position?.start;
        // Nodes without a position were added by other plugins, not written by the author.
        if (at) {
          switch (node.type) {
            case "mdxjsEsm":
              report(at, "error", "import and export are not allowed in lessons", "the components listed in the guide are available without importing them");
              doomed.add(node);
              return;
            case "mdxFlowExpression":
            case "mdxTextExpression":
              if ((node.data?.estree?.body.length ?? 1) > 0) {
                report(at, "error", "{…} JavaScript expressions are not allowed in lessons", "write the text directly; to show a brace, write \\{ or \\}");
                doomed.add(node);
                return;
              }
              break;
            case "mdxJsxFlowElement":
            case "mdxJsxTextElement":
              checkElement(node, ancestors, at, report, findings);
              break;
            case "link":
            case "definition":
              checkLink(node.url ?? "", at, report, findings);
              break;
            case "image":
              checkImage(node, at, report, findings);
              break;
            case "heading":
              if (node.depth === 1) {
                report(at, "warning", "level-1 heading (# …) inside a lesson", "the page already shows the lesson title as the level-1 heading: start sections with ##");
              } else if (node.depth !== undefined && node.depth > lastHeading + 1) {
                report(at, "warning", `heading jumps from level ${lastHeading} to level ${node.depth}`, "do not skip levels: screen-reader users navigate by them");
              }
              lastHeading = node.depth ?? lastHeading;
              break;
          }
        }
        for (const child of node.children ?? []) visit(child, [...ancestors, node]);
      };

      const root = tree as MdNode;
      visit(root, []);
      if (doomed.size > 0) prune(root, doomed);
    };
  };
}

type Report = (at: Point | undefined, severity: ProblemSeverity, message: string, hint?: string) => void;

function checkElement(node: MdNode, ancestors: MdNode[], at: Point, report: Report, findings: MdxFindings): void {
  const name = node.name;
  if (!name) return; // <>…</> fragments are harmless
  const attributes = node.attributes ?? [];

  if (!isMdxComponentName(name)) {
    if (/^[a-z][a-z0-9]*$/.test(name) && Object.hasOwn(ALLOWED_HTML_ELEMENTS, name)) {
      const allowed = ALLOWED_HTML_ELEMENTS[name] ?? [];
      for (const attr of attributes) {
        if (attr.type !== "mdxJsxAttribute" || !attr.name || !allowed.includes(attr.name) || typeof attr.value !== "string") {
          report(attr.position?.start ?? at, "error", `<${name}>: attribute ${attr.name ?? "{…}"} is not allowed`, allowed.length ? `allowed: ${allowed.map((a) => `${a}="…"`).join(", ")}` : `write <${name}> without attributes`);
        }
      }
      return;
    }
    const lower = /^[a-z]/.test(name);
    const suggestion = lower ? null : closestMatch(name, MDX_COMPONENT_NAMES);
    report(
      at,
      "error",
      lower ? `HTML element <${name}> is not allowed in lessons` : `unknown component <${name}>`,
      lower
        ? `use Markdown or a component from the guide; inline HTML allowed: ${Object.keys(ALLOWED_HTML_ELEMENTS).join(", ")}`
        : suggestion
          ? `did you mean <${suggestion}>?`
          : `available components: ${MDX_COMPONENT_NAMES.join(", ")}`,
    );
    return;
  }

  const spec: MdxComponentSpec = MDX_COMPONENT_SPECS[name];
  const props: Record<string, unknown> = {};
  const attrAt = new Map<string, Point>();
  for (const attr of attributes) {
    const attrPos = attr.position?.start ?? at;
    if (attr.type !== "mdxJsxAttribute" || !attr.name) {
      report(attrPos, "error", `<${name}>: {…} spread attributes are not allowed`, "write each attribute as name=\"value\"");
      continue;
    }
    attrAt.set(attr.name, attrPos);
    if (attr.value === null || attr.value === undefined) {
      props[attr.name] = true;
    } else if (typeof attr.value === "string") {
      props[attr.name] = attr.value;
    } else {
      const evaluated = literalValue(attr.value.data?.estree);
      if (!evaluated.ok) {
        report(attrPos, "error", `<${name}> ${attr.name}: only plain values are allowed between {…}`, "use text in quotes, or numbers, lists [ … ] and objects {{ key: value }} of plain values");
        continue;
      }
      props[attr.name] = evaluated.value;
    }
  }
  if ((name === "SpotTheRisk" || name === "Rewrite") && typeof props.id === "string") {
    findings.exercises.push({ id: props.id, component: name, ...pointOf(attrAt.get("id") ?? at) });
  }
  if (name === "Figure" && typeof props.src === "string" && isSafeAssetName(props.src)) {
    findings.assets.push({ fileName: props.src, ...pointOf(attrAt.get("src") ?? at) });
  }
  const parsed = spec.props.safeParse(props);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String);
      const first = path[0];
      const unknownKeys = issue.code === "unrecognized_keys" ? issue.keys : [];
      if (unknownKeys.length > 0) {
        for (const key of unknownKeys) {
          const known = Object.keys((spec.props as unknown as { shape?: Record<string, unknown> }).shape ?? {});
          report(attrAt.get(key) ?? at, "error", `<${name}>: unknown attribute ${key}${path.length ? ` in ${path.join(".")}` : ""}`, known.length ? `allowed attributes: ${known.join(", ")}` : `<${name}> takes no attributes`);
        }
        continue;
      }
      const missing = issue.code === "invalid_type" && first !== undefined && !(first in props);
      report(
        (first !== undefined && attrAt.get(first)) || at,
        "error",
        `<${name}> ${path.join(".") || "attributes"}: ${missing ? "is required" : issue.message}`,
        missing && name === "Figure" && first === "alt" ? "describe what the image shows, for people who cannot see it" : undefined,
      );
    }
  }

  const meaningful = (node.children ?? []).filter((c) => !(c.type === "text" && typeof c.value === "string" && c.value.trim() === ""));
  if (spec.children === "required" && meaningful.length === 0) {
    report(at, "error", `<${name}> needs content between <${name}> and </${name}>`);
  } else if (spec.children === "none" && meaningful.length > 0) {
    report(at, "error", `<${name}> takes no content: write it as <${name} … />`);
  }
  if ("parent" in spec && spec.parent) {
    const parent = [...ancestors].reverse().find((a) => a.type === "mdxJsxFlowElement" || a.type === "mdxJsxTextElement");
    if (parent?.name !== spec.parent) {
      report(at, "error", `<${name}> must be placed directly inside <${spec.parent}>`);
    }
  }
  if ("allowedChildren" in spec && spec.allowedChildren) {
    const allowed: readonly string[] = spec.allowedChildren;
    for (const child of meaningful) {
      const childName = child.type.startsWith("mdxJsx") ? child.name : null;
      if (!childName || !allowed.includes(childName)) {
        report(child.position?.start ?? at, "error", `<${name}> may contain only ${allowed.map((a) => `<${a}>`).join(" and ")}`, `put the text inside <${allowed[0]}>…</${allowed[0]}>`);
      }
    }
  }
  if ("expectsList" in spec && spec.expectsList && meaningful.length > 0 && !meaningful.some((c) => c.type === "list")) {
    report(at, "warning", `<${name}> should contain a bulleted list`, "write one item per line, each starting with - , with a blank line after the opening tag");
  }
}

function checkLink(url: string, at: Point, report: Report, findings: MdxFindings): void {
  if (url.startsWith("#") || /^https:\/\//i.test(url) || /^mailto:[^\s]+$/i.test(url)) return;
  if (/^http:\/\//i.test(url)) {
    report(at, "warning", `insecure link ${url}`, "use https:// when the site supports it");
    return;
  }
  const asset = assetNameFromMarkdownSrc(url);
  if (asset !== null) {
    if (isSafeAssetName(asset)) findings.assets.push({ fileName: asset, ...pointOf(at) });
    else report(at, "error", `attachment file name ${asset} is not allowed`, "use lower-case letters, digits, - _ . and a pdf, png, jpg, jpeg, webp or gif extension");
    return;
  }
  const lesson = parseLessonLink(url);
  if (lesson) {
    findings.lessonLinks.push({ url, ...lesson, ...pointOf(at) });
    return;
  }
  report(
    at,
    "error",
    `link not allowed: ${url || "(empty)"}`,
    url.includes(".mdx") || url.startsWith(".")
      ? "link to another lesson as /courses/<course-slug>/<lesson-slug>"
      : "links may point to lessons (/courses/…), anchors (#…), attachments (./assets/…), https:// pages or mailto: addresses",
  );
}

function checkImage(node: MdNode, at: Point, report: Report, findings: MdxFindings): void {
  const url = node.url ?? "";
  if (!node.alt || node.alt.trim() === "") {
    report(at, "error", "image without alternative text", "write a description between the brackets: ![what the image shows](./assets/file.png)");
  }
  const fileName = assetNameFromMarkdownSrc(url);
  if (!fileName) {
    report(at, "error", `image ${url} is not in the course's assets folder`, "put the file in lessons/assets/ and write ./assets/<file>");
    return;
  }
  if (!isSafeAssetName(fileName) || !IMAGE_EXTENSIONS.has(assetExtension(fileName))) {
    report(at, "error", `image file name ${fileName} is not allowed`, "use lower-case letters, digits, - _ . and a png, jpg, jpeg, webp or gif extension");
    return;
  }
  findings.assets.push({ fileName, ...pointOf(at) });
}

/** Just line and column (unist points also carry an offset). */
function pointOf(at: Point): Point {
  return { line: at.line, column: at.column };
}

type Literal = { ok: true; value: unknown } | { ok: false };

/** Evaluates an attribute expression made only of literals (no identifiers, calls or JSX). */
function literalValue(program: EsProgram | null | undefined): Literal {
  const statement = program?.body.length === 1 ? program.body[0] : undefined;
  if (!statement || statement.type !== "ExpressionStatement") return { ok: false };
  return evaluate(statement.expression as EsNode);
}

function evaluate(node: EsNode | null | undefined): Literal {
  if (!node) return { ok: false };
  switch (node.type) {
    case "Literal": {
      const v = node.value;
      return v === null || ["string", "number", "boolean"].includes(typeof v) ? { ok: true, value: v } : { ok: false };
    }
    case "TemplateLiteral": {
      const quasis = node.quasis as { value: { cooked: string | null } }[];
      return (node.expressions as unknown[]).length === 0 && quasis.length === 1 && quasis[0]?.value.cooked != null
        ? { ok: true, value: quasis[0].value.cooked }
        : { ok: false };
    }
    case "UnaryExpression": {
      const inner = evaluate(node.argument as EsNode);
      if (!inner.ok || typeof inner.value !== "number") return { ok: false };
      return node.operator === "-" ? { ok: true, value: -inner.value } : node.operator === "+" ? inner : { ok: false };
    }
    case "ArrayExpression": {
      const out: unknown[] = [];
      for (const el of node.elements as (EsNode | null)[]) {
        const v = evaluate(el);
        if (!v.ok) return v;
        out.push(v.value);
      }
      return { ok: true, value: out };
    }
    case "ObjectExpression": {
      const out: Record<string, unknown> = {};
      for (const prop of node.properties as EsNode[]) {
        if (prop.type !== "Property" || prop.kind !== "init" || prop.computed || prop.method || prop.shorthand) return { ok: false };
        const key = prop.key as EsNode;
        const name = key.type === "Identifier" ? (key.name as string) : key.type === "Literal" ? String(key.value) : null;
        const v = evaluate(prop.value as EsNode);
        if (name === null || !v.ok || name === "__proto__") return { ok: false };
        out[name] = v.value;
      }
      return { ok: true, value: out };
    }
    default:
      return { ok: false };
  }
}

function prune(node: MdNode, doomed: Set<MdNode>): void {
  if (!node.children) return;
  node.children = node.children.filter((c) => !doomed.has(c));
  for (const c of node.children) prune(c, doomed);
}

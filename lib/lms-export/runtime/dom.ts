/** A few DOM helpers for the runtime's screens (no framework: the package stays small). */

type Child = Node | string | null | undefined | false;

/** Creates an element with attributes (`on*` functions become listeners) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | ((e: Event) => void) | undefined> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

/** An element holding trusted HTML rendered by the exporter (question scenarios). */
export function fromHtml(html: string): HTMLElement {
  const box = document.createElement("div");
  box.innerHTML = html;
  return box;
}

/** `{name}` placeholders filled from `values`. */
export function format(template: string | undefined, values: Record<string, string | number> = {}): string {
  return (template ?? "").replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** Appends the children that are not null, undefined or false. */
export function put(parent: Element, ...children: Child[]): void {
  for (const c of children) if (c !== null && c !== undefined && c !== false) parent.append(c);
}

/** Replaces the children of `parent` with those that are not null, undefined or false. */
export function swap(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  put(parent, ...children);
}

import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { PAGES, ROLES, statesOf } from "./pages";

function pageFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? pageFiles(p) : e.name === "page.tsx" ? [p.split(path.sep).join("/")] : [];
  });
}

test("every page.tsx in app/ has an entry in the screenshots catalogue, and every entry a page", () => {
  const files = pageFiles("app");
  expect(files.filter((f) => !PAGES[f]), "pages without an entry in tests/screenshots/pages.ts").toEqual([]);
  expect(Object.keys(PAGES).filter((f) => !files.includes(f)), "entries for pages that no longer exist").toEqual([]);
  expect(Object.entries(PAGES).filter(([, e]) => e.states.length === 0 && !e.note).map(([f]) => f), "entries with no state must say where the page is seen").toEqual([]);
});

test("every role has states, and no two states of a role share a screenshot name", () => {
  for (const role of ROLES) {
    const names = statesOf(role).map((s) => `${s.page}-${s.name}`);
    expect(names.length, role).toBeGreaterThan(0);
    expect(names.filter((n, i) => names.indexOf(n) !== i), role).toEqual([]);
  }
});

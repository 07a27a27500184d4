import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUTH_NAMESPACES, BASE_NAMESPACES, LEARNER_NAMESPACES, pickMessages, STAFF_NAMESPACES } from "./client-messages";

const ROOT = path.resolve(__dirname, "../..");

function files(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return files(rel);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

/** The namespaces a module asks `useTranslations` for (top level: `admin.person` → `admin`). */
function namespacesOf(source: string): string[] {
  return [...source.matchAll(/useTranslations\(\s*(?:"([^"]*)")?\s*\)/g)].map((m) => (m[1] ?? "").split(".")[0]!);
}

/** The provider a module renders under, from where it lives. */
function areaOf(file: string): readonly string[] {
  if (file.startsWith("app/[locale]/(app)/admin/") || file.startsWith("app/[locale]/(app)/trainer/") || file.startsWith("components/admin/")) return STAFF_NAMESPACES;
  if (file.startsWith("app/[locale]/(app)/") || file.startsWith("app/[locale]/(lesson)/") || file.startsWith("components/course/") || file.startsWith("components/quiz/")) return LEARNER_NAMESPACES;
  if (file.startsWith("app/[locale]/(auth)/")) return AUTH_NAMESPACES;
  return BASE_NAMESPACES;
}

/**
 * Modules that may read the whole (area's) catalogue, and why: the form fields turn an error
 * key of any area into its sentence, and the keys a form can get are those of its own area,
 * which the area's provider passes.
 */
const WHOLE_CATALOGUE_READERS: Record<string, string> = { "components/ui/field.tsx": "error keys of the area the form lives in" };

describe("client messages", () => {
  it("every client component finds its namespaces in the provider of its area", () => {
    const users = [...files("app"), ...files("components")].filter((f) => {
      const src = fs.readFileSync(path.join(ROOT, f), "utf8");
      return /useTranslations\(/.test(src);
    });
    expect(users.length).toBeGreaterThan(10);
    for (const f of users) {
      const src = fs.readFileSync(path.join(ROOT, f), "utf8");
      for (const ns of namespacesOf(src)) {
        if (ns === "" && WHOLE_CATALOGUE_READERS[f]) continue;
        expect(ns, `${f} asks for the whole catalogue`).not.toBe("");
        expect(areaOf(f), `${f} uses "${ns}"`).toContain(ns);
      }
    }
  });

  it("each area's namespaces exist in both catalogues", () => {
    for (const locale of ["it", "en"]) {
      // The catalogue is every per-area file of the locale, merged (lib/i18n/request.ts).
      const dir = path.join(ROOT, "lib/i18n/messages");
      const catalogue = Object.assign(
        {},
        ...fs
          .readdirSync(dir)
          .filter((f) => f === `${locale}.json` || f.endsWith(`.${locale}.json`))
          .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Record<string, unknown>),
      ) as Record<string, unknown>;
      for (const ns of [...STAFF_NAMESPACES, ...AUTH_NAMESPACES]) expect(Object.keys(catalogue), `${locale}: ${ns}`).toContain(ns);
    }
  });

  it("picks only the namespaces asked for", () => {
    expect(pickMessages({ a: { x: "1" }, b: { y: "2" }, c: "3" }, ["a", "c", "missing"])).toEqual({ a: { x: "1" }, c: "3" });
  });
});

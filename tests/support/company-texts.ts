import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";

/**
 * Values for every placeholder of the policy and notice templates that a company fills on its page
 * (those not taken from the company record), as `company_texts` rows: what an admin does
 * before exporting the course. Read from the template, so new placeholders are covered.
 */
export type CompanyTextRow = { key: string; locale: "it" | "en" | "*"; value: string };

export function companyTextRows(contentDir: string): CompanyTextRow[] {
  type Declarations = { placeholders?: { key: string; from?: string; perLanguage?: boolean; input?: string }[] };
  const read = (...parts: string[]) => {
    const file = path.join(contentDir, ...parts);
    return fs.existsSync(file) ? ((parse(fs.readFileSync(file, "utf8")) as Declarations).placeholders ?? []) : [];
  };
  // The policy's and the privacy notice's placeholders: a key both use is filled once.
  const all = [...read("policy", "policy.yaml"), ...read("privacy", "notice.yaml")];
  const unique = all.filter((p, i) => all.findIndex((q) => q.key === p.key) === i);
  return unique
    .filter((p) => !p.from)
    .flatMap((p): CompanyTextRow[] => {
      const value = p.input === "email" ? "policy@acme.example" : `Acme ${p.key.replaceAll("_", " ")}`;
      return p.perLanguage ? (["it", "en"] as const).map((locale) => ({ key: p.key, locale, value })) : [{ key: p.key, locale: "*", value }];
    });
}

import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";

/**
 * Values for every placeholder of the policy template that a company fills on its page
 * (those not taken from the company record), as `company_texts` rows: what an admin does
 * before exporting the course. Read from the template, so new placeholders are covered.
 */
export type CompanyTextRow = { key: string; locale: "it" | "en" | "*"; value: string };

export function companyTextRows(contentDir: string): CompanyTextRow[] {
  const policy = parse(fs.readFileSync(path.join(contentDir, "policy", "policy.yaml"), "utf8")) as {
    placeholders?: { key: string; from?: string; perLanguage?: boolean; input?: string }[];
  };
  return (policy.placeholders ?? [])
    .filter((p) => !p.from)
    .flatMap((p): CompanyTextRow[] => {
      const value = p.input === "email" ? "policy@acme.example" : `Acme ${p.key.replaceAll("_", " ")}`;
      return p.perLanguage ? (["it", "en"] as const).map((locale) => ({ key: p.key, locale, value })) : [{ key: p.key, locale: "*", value }];
    });
}

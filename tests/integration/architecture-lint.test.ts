import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The layering rules in eslint.config.mjs (app → components → lib → db, no import cycles)
 * really fire: each case lints a real file of the project with one offending import added,
 * exactly as `npm run lint` (and so `npm test`) would see it.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe("lint enforces the architecture", () => {
  it("refuses db/ importing lib/", async () => {
    expect(await ruleIds("db/queries/audit.ts", 'import { romeToday } from "@/lib/dates";\nexport const today = romeToday();\n')).toContain("import/no-restricted-paths");
  });

  it("refuses lib/ importing components/ or app/, also through a relative path", async () => {
    expect(await ruleIds("lib/dates.ts", 'export { SignOutForm } from "@/components/shell/sign-out-form";\n')).toContain("import/no-restricted-paths");
    expect(await ruleIds("lib/dates.ts", 'export { default } from "../app/[locale]/not-found";\n')).toContain("import/no-restricted-paths");
  });

  it("refuses components/ importing app/", async () => {
    expect(await ruleIds("components/ui/field.tsx", 'export { default } from "@/app/[locale]/not-found";\n')).toContain("import/no-restricted-paths");
  });

  it("refuses an import cycle", async () => {
    // lib/certificates/issue.ts imports ./code: code importing issue back closes a cycle.
    expect(await ruleIds("lib/certificates/code.ts", 'import { issueCertificate } from "./issue";\nexport const issue = issueCertificate;\n')).toContain("import/no-cycle");
  });

  it("refuses a raw transaction outside the engine (db/engine)", async () => {
    const code = 'import type { AppDatabase } from "@/db/open";\nexport const f = (d: AppDatabase) => d.sqlite.transaction(() => 1).immediate();\n';
    expect(await ruleIds("lib/dates.ts", code)).toContain("no-restricted-syntax");
  });

  it("accepts the downward imports the project is made of", async () => {
    expect(await ruleIds("lib/certificates/code.ts", 'import { insertCertificate } from "@/db/queries/certificates";\nexport const insert = insertCertificate;\n')).toEqual([]);
  });
}, 120_000);

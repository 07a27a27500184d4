import "server-only";
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { defaultContentRoot } from "@/lib/content/paths";
import { PlaceholderListSchema } from "@/lib/texts/placeholders";

const Text = z.object({
  title: z.string().min(1),
  intro: z.string().min(1),
  sections: z.array(z.object({ heading: z.string().min(1), body: z.string().min(1) })).min(1),
  acknowledge: z.string().min(1),
});
export const PolicySchema = z.object({ version: z.string().min(1), placeholders: PlaceholderListSchema.default([]), it: Text, en: Text });
export type SocialMediaPolicy = z.infer<typeof PolicySchema>;

let cached: SocialMediaPolicy | null | undefined;

export function policyFile(root = defaultContentRoot()): string {
  return path.join(root, "policy", "policy.yaml");
}

/** Parses a policy file's text (content:check reports its problems with file:line). */
export function parsePolicy(source: string) {
  return PolicySchema.safeParse(parse(source));
}

/**
 * The social media policy TEMPLATE (content/policy/policy.yaml), or null when there is none.
 * Its `[PLACEHOLDERS]` are filled per company: show it through lib/texts/company-texts.ts.
 */
export function socialMediaPolicy(): SocialMediaPolicy | null {
  if (cached === undefined) {
    const file = policyFile();
    cached = fs.existsSync(file) ? PolicySchema.parse(parse(fs.readFileSync(file, "utf8"))) : null;
  }
  return cached;
}

/** Body text split into paragraphs (blank-line separated in the YAML). */
export function paragraphs(body: string): string[] {
  return body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
}

import "server-only";
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import type { Locale } from "@/lib/i18n/locales";
import { defaultContentRoot } from "@/lib/content/paths";

const Text = z.object({
  title: z.string().min(1),
  intro: z.string().min(1),
  sections: z.array(z.object({ heading: z.string().min(1), body: z.string().min(1) })).min(1),
  acknowledge: z.string().min(1),
});
const PolicySchema = z.object({ version: z.string().min(1), it: Text, en: Text });
export type SocialMediaPolicy = z.infer<typeof PolicySchema>;

let cached: SocialMediaPolicy | null | undefined;

/** The company's social media policy (content/policy/policy.yaml), or null when there is none. */
export function socialMediaPolicy(): SocialMediaPolicy | null {
  if (cached === undefined) {
    const file = path.join(defaultContentRoot(), "policy", "policy.yaml");
    cached = fs.existsSync(file) ? PolicySchema.parse(parse(fs.readFileSync(file, "utf8"))) : null;
  }
  return cached;
}

export function policyText(policy: SocialMediaPolicy, locale: Locale) {
  return policy[locale];
}

/** Body text split into paragraphs (blank-line separated in the YAML). */
export function paragraphs(body: string): string[] {
  return body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
}

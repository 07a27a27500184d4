import "server-only";
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { defaultContentRoot } from "@/lib/content/paths";
import { PlaceholderListSchema } from "@/lib/texts/placeholders";

const Text = z.object({
  title: z.string().min(1),
  sections: z.array(z.object({ heading: z.string().min(1), body: z.string().min(1) })).min(1),
  acknowledge: z.string().min(1),
});

export const NoticeSchema = z.object({ version: z.string().min(1), placeholders: PlaceholderListSchema.default([]), it: Text, en: Text });
export type PrivacyNotice = z.infer<typeof NoticeSchema>;

let cached: PrivacyNotice | undefined;

export function noticeFile(root = defaultContentRoot()): string {
  return path.join(root, "privacy", "notice.yaml");
}

/** Parses a notice file's text (content:check reports its problems with file:line). */
export function parseNotice(source: string) {
  return NoticeSchema.safeParse(parse(source));
}

/**
 * The privacy notice TEMPLATE (content/privacy/notice.yaml), validated once per process. The
 * controller's details are `[PLACEHOLDERS]` filled per company: show it through
 * lib/texts/company-texts.ts.
 */
export function privacyNotice(): PrivacyNotice {
  cached ??= NoticeSchema.parse(parse(fs.readFileSync(noticeFile(), "utf8")));
  return cached;
}

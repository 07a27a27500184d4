import "server-only";
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import type { Locale } from "@/lib/i18n/locales";
import { defaultContentRoot } from "@/lib/content/paths";

const Text = z.object({
  title: z.string().min(1),
  sections: z.array(z.object({ heading: z.string().min(1), body: z.string().min(1) })).min(1),
  acknowledge: z.string().min(1),
});

const NoticeSchema = z.object({ version: z.string().min(1), it: Text, en: Text });
export type PrivacyNotice = z.infer<typeof NoticeSchema>;

let cached: PrivacyNotice | undefined;

/** The privacy notice (content/privacy/notice.yaml), validated once per process. */
export function privacyNotice(): PrivacyNotice {
  cached ??= NoticeSchema.parse(parse(fs.readFileSync(path.join(defaultContentRoot(), "privacy", "notice.yaml"), "utf8")));
  return cached;
}

export function noticeText(locale: Locale) {
  return privacyNotice()[locale];
}

/**
 * The package formats a course can be exported to, and what each one calls itself. Pure
 * module: the export page, the CLI, the exporter and the browser runtime share it.
 */
import { z } from "zod";
import { CONTENT_LOCALES } from "@/lib/content/names";

export const LMS_FORMATS = ["scorm12", "scorm2004", "cmi5"] as const;
export type LmsFormat = (typeof LMS_FORMATS)[number];

export const LmsFormatSchema = z.enum(LMS_FORMATS, { error: "must be scorm12, scorm2004 or cmi5" });
export const LmsLocaleSchema = z.enum(CONTENT_LOCALES, { error: "must be it or en" });

/** Human names, as LMS import screens call them. */
export const LMS_FORMAT_NAMES: Readonly<Record<LmsFormat, string>> = {
  scorm12: "SCORM 1.2",
  scorm2004: "SCORM 2004 (3rd edition)",
  cmi5: "cmi5",
};

/** `<course>-<format>-<locale>.zip`: the name of the package's file. */
export function packageFileName(courseSlug: string, format: LmsFormat, locale: string): string {
  return `${courseSlug}-${format}-${locale}.zip`;
}

/**
 * What an export asks for, as the CLI and the download route parse it. Pure module.
 */
import { z } from "zod";
import { SlugSchema } from "@/lib/content/names";
import { LmsFormatSchema, LmsLocaleSchema } from "./formats";

export const LmsExportQuerySchema = z.strictObject({
  format: LmsFormatSchema,
  locale: LmsLocaleSchema,
});

export const LmsExportCliSchema = LmsExportQuerySchema.extend({
  course: SlugSchema,
  out: z.string().trim().min(1, { error: "must be a file name" }).optional(),
});
export type LmsExportCliOptions = z.infer<typeof LmsExportCliSchema>;

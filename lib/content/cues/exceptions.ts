/**
 * `cueExceptions` on a quiz question: the author silences one cue rule for that question and
 * says why; content:check shows the reason. Pure module.
 */
import { z } from "zod";
import { QUESTION_CUE_RULE_NAMES } from "./rules";
import { EXCEPTION_REASON_MIN_LENGTH } from "./thresholds";

export const CueExceptionSchema = z.strictObject({
  rule: z.enum(QUESTION_CUE_RULE_NAMES, { error: `must be one of: ${QUESTION_CUE_RULE_NAMES.join(", ")}` }),
  reason: z
    .string({ error: "must be text: say why the cue does not help here" })
    .trim()
    .min(EXCEPTION_REASON_MIN_LENGTH, { error: `must say why, in at least ${EXCEPTION_REASON_MIN_LENGTH} characters` }),
});
export type CueException = z.infer<typeof CueExceptionSchema>;

/** A question's list of exceptions: each rule at most once. */
export const CueExceptionsSchema = z
  .array(CueExceptionSchema, { error: "must be a list, each item starting with `- rule: …`" })
  .min(1, { error: "must list at least one exception, or be left out" })
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((e, i) => {
      if (seen.has(e.rule)) {
        ctx.addIssue({ code: "custom", path: [i, "rule"], message: `rule ${e.rule} is already silenced above`, params: { hint: "one entry per rule: merge the reasons" } });
      }
      seen.add(e.rule);
    });
  });

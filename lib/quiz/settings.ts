/**
 * Risk tags and the final-test settings block of `course.yaml`. Kept apart from the quiz file
 * schemas (which build on `lib/content/schemas`) so `CourseFileSchema` can use them without an
 * import cycle. Pure module.
 */
import { z } from "zod";
import { perRiskTotal, RISK_TAGS } from "./constants";

export { perRiskTotal, RISK_TAGS, type RiskTag } from "./constants";

export const RiskTagSchema = z.enum(RISK_TAGS, { error: `must be one of: ${RISK_TAGS.join(", ")}` });

/** Most questions a final test may draw (and most answers a submission may carry). */
export const MAX_FINAL_QUESTIONS = 50;

const whole = (min: number, max: number, unit: string) =>
  z
    .int({ error: `must be a whole number${unit}` })
    .min(min, { error: `must be between ${min} and ${max}` })
    .max(max, { error: `must be between ${min} and ${max}` });

const perRiskCount = whole(0, MAX_FINAL_QUESTIONS, " of questions").optional();

/** Minimum number of questions per risk tag; tags left out have no minimum. */
export const PerRiskSchema = z.strictObject({
  "confidential-info": perRiskCount,
  "personal-use-at-work": perRiskCount,
  "company-accounts": perRiskCount,
  reputation: perRiskCount,
  privacy: perRiskCount,
  policy: perRiskCount,
});
export type PerRisk = z.infer<typeof PerRiskSchema>;

/**
 * `finalTest:` in `course.yaml`. Only `questions` is required. The pass mark is not here: it
 * stays `completion.passMark`, shared with the rest of the completion rules.
 */
export const FinalTestSettingsSchema = z
  .strictObject({
    /** Questions drawn for each attempt. */
    questions: whole(1, MAX_FINAL_QUESTIONS, " of questions"),
    perRisk: PerRiskSchema.optional(),
    maxAttempts: whole(1, 20, " of attempts").default(3),
    /** Minutes a learner waits after a failed attempt before the next one (0: no wait). */
    waitMinutes: whole(0, 10_080, " of minutes").default(0),
    timeLimitMinutes: whole(1, 600, " of minutes").default(60),
    /** Multiple-choice questions earn part of the point for a partly right answer. */
    partialCredit: z.boolean({ error: "must be true or false" }).default(false),
    /**
     * When a submitted attempt's review shows the right answers, explanations and feedback.
     * "when-finished" (default): only once the learner has passed or used every attempt —
     * questions come back in the next draw, so an earlier key would let the retry be passed
     * from memory. "always": after every attempt.
     */
    reviewKeys: z.enum(["when-finished", "always"], { error: 'must be "when-finished" or "always"' }).default("when-finished"),
  })
  .superRefine((s, ctx) => {
    const asked = perRiskTotal(s.perRisk);
    if (asked > s.questions) {
      ctx.addIssue({
        code: "custom",
        path: ["perRisk"],
        message: `asks for ${asked} questions in total, more than questions (${s.questions})`,
        params: { hint: "lower the per-risk minimums or raise finalTest.questions" },
      });
    }
  });
export type FinalTestSettings = z.infer<typeof FinalTestSettingsSchema>;

import type { FormState } from "@/lib/forms/form-state";

/**
 * The quiz form's state: `missing` lists the questions left unanswered; any other refusal is a
 * `message` (a submit refusal of `submitAttempt`, or a refusal of the action wrapper).
 */
export type QuizFormState = FormState<{ missing?: string[] }>;

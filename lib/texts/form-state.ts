import type { FormState } from "@/lib/forms/form-state";

/** The company texts form's state; `saved` counts the texts that changed. */
export type TextsFormState = FormState<{ saved?: number }>;

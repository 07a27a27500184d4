import type { FormState } from "@/lib/forms/form-state";

/** The assign form's state; `detail` names the addresses an error is about (unknown e-mails). */
export type AssignFormState = FormState<{ detail?: string }>;

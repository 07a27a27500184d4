import type { FormState } from "@/lib/forms/form-state";

/** The company forms' state: `detail` names what a refused value clashes with (another company's domain). */
export type CompanyFormState = FormState<{ detail?: string }>;

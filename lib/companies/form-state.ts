import type { FormState } from "@/lib/forms/form-state";
import type { RowReport } from "./new-company";

/** The company forms' state: `detail` names what a refused value clashes with (another company's domain). */
export type CompanyFormState = FormState<{ detail?: string }>;

/** The new-company form's state: besides the fields' errors, the employee file's refused rows. */
export type NewCompanyFormState = FormState<{ detail?: string; rows?: RowReport[] }>;

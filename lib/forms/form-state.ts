/** Message keys per field ("_" for the form as a whole), as the forms translate them. */
export type FieldErrors = Record<string, string[]>;

/** What was typed, per field (several values for a multi-value field such as checkboxes). */
export type FormValues = Record<string, string | string[]>;

/**
 * What a form's server action answers, through `useActionState` (null before the first submit).
 * `message` is a key the form turns into words: "unauthorized", "forbidden" and "invalid" come
 * from `authedAction`, any other from the action. `values` gives back what was typed, since
 * React resets the form after an action. `Extra` is what one form shows besides (a count, a
 * report); its fields are optional, so a refusal is a valid state of every form.
 */
export type FormState<Extra extends object = object> = ({ ok: boolean; message?: string; fieldErrors?: FieldErrors; values?: FormValues } & Extra) | null;

/** A server action as `useActionState` calls it. */
export type FormAction<Extra extends object = object> = (prev: FormState<Extra>, formData: FormData) => Promise<FormState<Extra>>;

/** Was the action refused for who is asking (no session, or no permission), rather than for what was sent? */
export function refusedAccess(state: FormState): boolean {
  return !!state && !state.ok && (state.message === "unauthorized" || state.message === "forbidden");
}

import type { z } from "zod";
import type { FieldErrors, FormValues } from "./form-state";

/**
 * How an action reads its form: the zod schema, and how to turn the FormData into what the
 * schema parses. By default one value per name (`Object.fromEntries`), which keeps only the
 * last of a multi-value field: checkboxes and repeated names need `from`, with `getAll`.
 * `echo` gives what was typed back with an input the action refused, so the form keeps it.
 */
export type FormInput<S extends z.ZodType> = { schema: S; from?: (formData: FormData) => unknown; echo?: boolean };

export type ParsedForm<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

export function formInput<S extends z.ZodType>(input: S | FormInput<S>): FormInput<S> {
  return "safeParse" in input ? { schema: input } : input;
}

/** A `from` for forms with multi-value fields: these as arrays (all their values), the rest one value per name. */
export function withAll(...names: string[]): (formData: FormData) => Record<string, unknown> {
  return (formData) => ({ ...Object.fromEntries(formData), ...Object.fromEntries(names.map((n) => [n, formData.getAll(n)])) });
}

/** Parses a form with its schema; issues are grouped by top-level field, the name the form knows. */
export function parseForm<S extends z.ZodType>(input: FormInput<S>, formData: FormData): ParsedForm<z.infer<S>> {
  const parsed = input.schema.safeParse(input.from ? input.from(formData) : Object.fromEntries(formData));
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, fieldErrors: fieldErrorsOf(parsed.error) };
}

/** Zod issues grouped by top-level field (`roles.1` is the field `roles`); "_" for the form as a whole. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) (fieldErrors[String(issue.path[0] ?? "_")] ??= []).push(issue.message);
  return fieldErrors;
}

/** The submitted text fields, to give back on error (never Next's `$ACTION…` fields, never files). */
export function echo(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const [k, v] of formData.entries()) {
    if (typeof v !== "string" || k.startsWith("$")) continue;
    const prev = values[k];
    values[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return values;
}

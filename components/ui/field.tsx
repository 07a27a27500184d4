"use client";

import type { ReactNode } from "react";
import { useTranslations, useLocale } from "next-intl";
import { isValidationMessageKey, validationMessage } from "@/lib/validation/messages";

/**
 * Turns an error key from the server into a sentence: a validation key, a `form.*` key, or the
 * full key of another catalogue (an area's own errors); anything else is "not valid".
 */
export function useErrorText(): (key: string) => string {
  const t = useTranslations("form");
  const all = useTranslations();
  const locale = useLocale() as "it" | "en";
  return (key) => (isValidationMessageKey(key) ? validationMessage(key, locale) : key.startsWith("form.") ? t(key.slice(5)) : all.has(key) ? all(key) : t("invalid"));
}

/**
 * `id` when the page has two controls of the same name (default `field-<name>`); `errorDetail`
 * is printed after the error sentences (e.g. the values the server refused).
 */
type Frame = { name: string; label: string; errors?: string[]; hint?: string; id?: string; errorDetail?: string | null };

/** The attributes that tie a control to its label, hint and errors. */
export type FieldA11y = { id: string; "aria-invalid"?: true; "aria-describedby"?: string };

/**
 * The label, hint and errors around one control; the control gets the ids that tie them to it.
 * For controls `Field` and `SelectField` do not cover (files, text areas, inputs with a list).
 */
export function FieldFrame({ name, label, errors, hint, id: given, errorDetail, control }: Frame & { control: (a11y: FieldA11y) => ReactNode }) {
  const errorText = useErrorText();
  const id = given ?? `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span id={`${id}-hint`} className="muted">
          {hint}
        </span>
      ) : null}
      {control({ id, "aria-invalid": errors?.length ? true : undefined, "aria-describedby": describedBy })}
      {errors?.length ? (
        <span id={`${id}-error`} className="field-error">
          {errors.map(errorText).join(" ")}
          {errorDetail ? ` (${errorDetail})` : null}
        </span>
      ) : null}
    </div>
  );
}

type Props = Frame & {
  defaultValue?: string | null;
  type?: "text" | "email" | "date" | "number";
  inputMode?: "numeric";
  autoComplete?: string;
};

/** A labelled input whose errors are tied to it (aria-invalid, aria-describedby). */
export function Field({ name, defaultValue, type = "text", inputMode, autoComplete, ...frame }: Props) {
  return (
    <FieldFrame
      name={name}
      {...frame}
      control={(a11y) => <input {...a11y} name={name} type={type} inputMode={inputMode} defaultValue={defaultValue ?? ""} autoComplete={autoComplete} />}
    />
  );
}

type SelectProps = Frame & { options: { value: string; label: string }[]; defaultValue?: string | null };

/** A labelled select whose errors are tied to it, like `Field`. */
export function SelectField({ name, options, defaultValue, ...frame }: SelectProps) {
  return (
    <FieldFrame
      name={name}
      {...frame}
      control={(a11y) => (
        <select {...a11y} name={name} defaultValue={defaultValue ?? ""}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

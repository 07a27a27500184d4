"use client";

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

type Props = {
  name: string;
  label: string;
  defaultValue?: string | null;
  errors?: string[];
  type?: "text" | "email" | "date";
  inputMode?: "numeric";
  autoComplete?: string;
  hint?: string;
};

/** A labelled input whose errors are tied to it (aria-invalid, aria-describedby). */
export function Field({ name, label, defaultValue, errors, type = "text", inputMode, autoComplete, hint }: Props) {
  const errorText = useErrorText();
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span id={`${id}-hint`} className="muted">
          {hint}
        </span>
      ) : null}
      <input id={id} name={name} type={type} inputMode={inputMode} defaultValue={defaultValue ?? ""} autoComplete={autoComplete} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy} />
      {errors?.length ? (
        <span id={`${id}-error`} className="field-error">
          {errors.map(errorText).join(" ")}
        </span>
      ) : null}
    </div>
  );
}

"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { refusedAccess } from "@/lib/forms/form-state";
import type { TextsFormState } from "@/lib/texts/form-state";

export type TextFieldView = {
  name: string;
  label: string;
  help: string | null;
  input: "line" | "email" | "paragraph";
  value: string;
  usedIn: string;
  max: number;
};

type Props = { fields: TextFieldView[]; action: (prev: TextsFormState, formData: FormData) => Promise<TextsFormState> };

/** One input per placeholder (per language where it is written in each); empty ones are marked. */
export function TextsForm({ fields, action }: Props) {
  const t = useTranslations("companyTexts");
  const locale = useLocale();
  const [state, formAction, pending] = useActionState(action, null);
  const e = state?.fieldErrors ?? {};
  const value = (f: TextFieldView) => {
    const typed = state?.values?.[f.name];
    return typeof typed === "string" ? typed : f.value;
  };
  return (
    <form action={formAction} noValidate className="card" lang={locale}>
      <div role="status" aria-live="polite">
        {state?.ok ? <p className="alert alert--ok">{t("saved", { count: state.saved ?? 0 })}</p> : null}
        {refusedAccess(state) ? <p className="alert alert--error">{t("errors.forbidden")}</p> : null}
      </div>
      {fields.map((f) => {
        const id = `text-${f.name.replace(".", "-")}`;
        const errors = e[f.name];
        const describedBy = [`${id}-hint`, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
        const common = {
          id,
          name: f.name,
          defaultValue: value(f),
          maxLength: f.max,
          "aria-invalid": errors?.length ? true : undefined,
          "aria-describedby": describedBy,
        } as const;
        return (
          <div className="field" key={f.name}>
            <label htmlFor={id}>
              {f.label}
              {value(f) === "" ? <span className="badge badge--off">{t("empty")}</span> : null}
            </label>
            <span id={`${id}-hint`} className="muted">
              {[f.help, f.usedIn].filter(Boolean).join(" ")}
            </span>
            {f.input === "paragraph" ? <textarea rows={3} {...common} /> : <input type={f.input === "email" ? "email" : "text"} {...common} />}
            {errors?.length ? (
              <span id={`${id}-error`} className="field-error">
                {errors.map((k) => t(`errors.${k === "email" ? "email" : "tooLong"}`, { max: f.max })).join(" ")}
              </span>
            ) : null}
          </div>
        );
      })}
      <button type="submit" disabled={pending}>
        {t("save")}
      </button>
    </form>
  );
}

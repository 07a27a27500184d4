"use client";

import { useActionState, useId } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/lib/forms/form-state";

type Props = {
  action: FormAction;
  code: string;
  name: string;
};

const ERRORS = ["already_revoked", "not_found", "invalid", "forbidden", "unauthorized"] as const;

/** A disclosure with the reason field and the confirm button; the outcome is announced to screen readers. */
export function RevokeForm({ action, code, name }: Props) {
  const t = useTranslations("certificates");
  const [state, formAction, pending] = useActionState(action, null);
  const id = useId();
  const error = state && !state.ok ? (ERRORS as readonly string[]).includes(state.message ?? "") ? t(`errors.${state.message as (typeof ERRORS)[number]}`) : t("errors.invalid") : null;
  return (
    <details className="revoke-form">
      <summary>
        {t("revoke")}
        <span className="visually-hidden">{` – ${name}`}</span>
      </summary>
      <form action={formAction}>
        <input type="hidden" name="code" value={code} />
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t("reason")}</label>
          <textarea
            id={`${id}-reason`}
            name="reason"
            required
            minLength={5}
            maxLength={500}
            aria-describedby={`${id}-hint`}
            aria-invalid={error ? true : undefined}
          />
          <p id={`${id}-hint`} className="hint">
            {t("reasonHint")}
          </p>
        </div>
        <button type="submit" className="danger" disabled={pending}>
          {t("confirmRevoke")}
        </button>
        <p role="status" className={error ? "field-error" : "muted"}>
          {error ?? (state?.ok ? t("revokedOk") : "")}
        </p>
      </form>
    </details>
  );
}

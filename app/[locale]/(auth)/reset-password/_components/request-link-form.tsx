"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { RequestLinkState } from "@/lib/account/form-state";

type Props = {
  action: (prev: RequestLinkState, formData: FormData) => Promise<RequestLinkState>;
  submitLabel?: string;
};

/**
 * Asks for a link by e-mail. The answer is the same whether or not the address is registered;
 * only a malformed address gets an error (that says nothing about any account).
 */
export function RequestLinkForm({ action, submitLabel }: Props) {
  const t = useTranslations("account.forgot");
  const [state, formAction, pending] = useActionState(action, null);
  const invalid = state?.status === "invalid";
  return (
    <form action={formAction} noValidate>
      <div role="status" aria-live="polite">
        {state?.status === "sent" ? <p className="alert alert--ok">{t("sent")}</p> : null}
      </div>
      <div className="field">
        <label htmlFor="request-email">{t("email")}</label>
        <input
          id="request-email"
          name="email"
          type="email"
          autoComplete="email"
          required
          maxLength={320}
          defaultValue={state?.email ?? ""}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={invalid ? "request-email-error" : undefined}
        />
        {invalid ? (
          <span id="request-email-error" className="field-error">
            {t("invalidEmail")}
          </span>
        ) : null}
      </div>
      <button type="submit" disabled={pending}>
        {pending ? t("submitting") : (submitLabel ?? t("submit"))}
      </button>
    </form>
  );
}

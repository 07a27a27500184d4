"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { SetPasswordState } from "@/lib/account/form-state";
import type { PasswordProblem } from "@/lib/account/password-rules";
import { passwordMessage } from "@/lib/auth/password-messages";
import type { Locale } from "@/lib/i18n/locales";

type Props = {
  action: (prev: SetPasswordState, formData: FormData) => Promise<SetPasswordState>;
  token: string;
  /** The account's e-mail, for password managers (a hidden username field). */
  email: string;
  minLength: number;
  maxLength: number;
};

/** New password twice. Passwords are never sent back to the page, even on error. */
export function SetPasswordForm({ action, token, email, minLength, maxLength }: Props) {
  const t = useTranslations("account.password");
  const locale = useLocale() as Locale;
  const [state, formAction, pending] = useActionState(action, null);
  const text = (p: PasswordProblem) => (p === "required" || p === "mismatch" ? t(`errors.${p}`) : passwordMessage(p, locale));
  const errors = state?.errors ?? [];
  const onPassword = errors.filter((p) => p !== "mismatch");
  const onConfirm = errors.includes("mismatch");
  return (
    <form action={formAction} noValidate>
      <input type="hidden" name="token" value={token} />
      <input type="text" name="username" value={email} autoComplete="username" readOnly hidden />
      <div className="field">
        <label htmlFor="new-password">{t("new")}</label>
        <span id="new-password-hint" className="muted">
          {t("hint", { min: minLength })}
        </span>
        <input
          id="new-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={minLength}
          maxLength={maxLength}
          aria-describedby={onPassword.length ? "new-password-hint new-password-error" : "new-password-hint"}
          aria-invalid={onPassword.length ? true : undefined}
        />
        {onPassword.length ? (
          <span id="new-password-error" className="field-error" role="alert">
            {onPassword.map(text).join(" ")}
          </span>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor="confirm-password">{t("confirm")}</label>
        <input
          id="confirm-password"
          name="confirmation"
          type="password"
          autoComplete="new-password"
          required
          maxLength={maxLength}
          aria-describedby={onConfirm ? "confirm-password-error" : undefined}
          aria-invalid={onConfirm ? true : undefined}
        />
        {onConfirm ? (
          <span id="confirm-password-error" className="field-error" role="alert">
            {text("mismatch")}
          </span>
        ) : null}
      </div>
      <button type="submit" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { SignInState } from "@/lib/auth/sign-in-state";
import { signInAction } from "./actions";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("signIn");
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, null);
  const message =
    state?.error === "rate_limited" ? t("errors.rate_limited", { minutes: state.minutes ?? 15 }) : state ? t(`errors.${state.error}`) : null;
  return (
    <form action={action} noValidate>
      <div role="alert" aria-live="assertive">
        {message ? <p className="alert alert--error">{message}</p> : null}
      </div>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <div className="field">
        <label htmlFor="email">{t("email")}</label>
        <input id="email" name="email" type="email" autoComplete="username" required aria-invalid={message ? true : undefined} />
      </div>
      <div className="field">
        <label htmlFor="password">{t("password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required aria-invalid={message ? true : undefined} />
      </div>
      <button type="submit" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}

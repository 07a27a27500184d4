"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { EmailStepState, SignInState } from "@/lib/auth/sign-in-state";
import { continueAction, signInAction } from "./actions";

/**
 * E-mail first: the e-mail step sends people of an SSO company to their provider and everybody
 * else on to the password step (`passwordFirst`: the page's link for administrators of an SSO
 * company, who keep their password).
 */
export function SignInForm({ callbackUrl, passwordFirst = false }: { callbackUrl?: string; passwordFirst?: boolean }) {
  const [emailState, emailAction, emailPending] = useActionState<EmailStepState, FormData>(continueAction, null);
  if (passwordFirst || emailState?.step === "password") {
    return <PasswordForm callbackUrl={callbackUrl} email={emailState?.step === "password" ? emailState.email : ""} changeEmail={!passwordFirst} />;
  }
  return <EmailForm callbackUrl={callbackUrl} state={emailState} action={emailAction} pending={emailPending} />;
}

function EmailForm({ callbackUrl, state, action, pending }: { callbackUrl?: string; state: EmailStepState; action: (f: FormData) => void; pending: boolean }) {
  const ts = useTranslations("sso.signIn");
  const message = state?.step === "email" ? ts(state.error) : null;
  const query = callbackUrl ? `&callbackUrl=${encodeURIComponent(callbackUrl)}` : "";
  return (
    <>
      <p className="muted">{ts("intro")}</p>
      <form action={action} noValidate>
      <MessageAndEmail message={message} callbackUrl={callbackUrl} email={state?.step === "email" ? state.email : undefined} />
      <button type="submit" disabled={pending}>
        {pending ? ts("continuing") : ts("continue")}
      </button>
      </form>
      <p>
        {/* A full load: the password form starts from nothing, whatever the e-mail step held. */}
        <a href={`/sign-in?password=1${query}`}>{ts("passwordLink")}</a>
      </p>
    </>
  );
}

function PasswordForm({ callbackUrl, email, changeEmail }: { callbackUrl?: string; email: string; changeEmail: boolean }) {
  const t = useTranslations("signIn");
  const ts = useTranslations("sso.signIn");
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, null);
  const message =
    state?.error === "rate_limited"
      ? t("errors.rate_limited", { minutes: state.minutes ?? 15 })
      : state?.error === "sso_required"
        ? ts("passwordsOff")
        : state
          ? t(`errors.${state.error}`)
          : null;
  return (
    <>
      <p className="muted">{ts("passwordIntro")}</p>
      <form action={action} noValidate>
      <MessageAndEmail message={message} callbackUrl={callbackUrl} email={email} />
      <div className="field">
        <label htmlFor="password">{t("password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required autoFocus={!!email} aria-invalid={message ? true : undefined} />
      </div>
      <button type="submit" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
      {changeEmail ? (
        <p>
          {/* A full load: the e-mail step starts again from nothing. */}
          <a href={`/sign-in${callbackUrl ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`}>{ts("changeEmail")}</a>
        </p>
      ) : null}
      </form>
    </>
  );
}

/** What both steps open with: the error, the page to return to, and the e-mail field. */
function MessageAndEmail({ message, callbackUrl, email }: { message: string | null; callbackUrl?: string; email?: string }) {
  const t = useTranslations("signIn");
  return (
    <>
      <div role="alert" aria-live="assertive">
        {message ? <p className="alert alert--error">{message}</p> : null}
      </div>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <div className="field">
        <label htmlFor="email">{t("email")}</label>
        <input id="email" name="email" type="email" autoComplete="username" required defaultValue={email} aria-invalid={message ? true : undefined} />
      </div>
    </>
  );
}

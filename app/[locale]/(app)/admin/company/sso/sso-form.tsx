"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { Field, useErrorText } from "@/components/ui/field";
import { refusedAccess, type FormAction } from "@/lib/forms/form-state";
import type { SsoKind, SsoSettingsView } from "@/lib/sso/settings";

const KINDS: readonly SsoKind[] = ["entra", "google", "oidc"];

type Props = { action: FormAction; view: SsoSettingsView };

/** The provider, its client, and the rules. The secret field is always empty: a stored secret is only said to exist. */
export function SsoForm({ action, view }: Props) {
  const t = useTranslations("sso.admin");
  const tf = useTranslations("form");
  const errorText = useErrorText();
  const [state, formAction, pending] = useActionState(action, null);
  const [kind, setKind] = useState<SsoKind>(view.kind);
  const errors = state?.fieldErrors ?? {};
  const secret = useRef<HTMLInputElement>(null);
  // Once saved, the secret leaves the page too: the field is emptied, the server keeps it sealed.
  useEffect(() => {
    if (state?.ok && secret.current) secret.current.value = "";
  }, [state]);
  // Submitted by hand rather than through `<form action>`, whose automatic reset would put the
  // provider choice back to the saved one and empty what was typed next to a field's error.
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
  };
  const check = (name: "enabled" | "jitCreate" | "passwordsOffForLearners", label: string, hint: string) => (
    <div className="field">
      <label className="checkbox">
        <input type="checkbox" name={name} defaultChecked={view[name]} aria-describedby={`${name}-hint${errors[name] ? ` ${name}-error` : ""}`} /> {label}
      </label>
      <span id={`${name}-hint`} className="muted">
        {hint}
      </span>
      {errors[name] ? (
        <span id={`${name}-error`} className="field-error">
          {errors[name].map(errorText).join(" ")}
        </span>
      ) : null}
    </div>
  );
  return (
    <form action={formAction} onSubmit={submit} noValidate className="card">
      <div role="status" aria-live="polite">
        {state?.ok ? <p className="alert alert--ok">{t("saved")}</p> : null}
        {state && !state.ok ? <p className="alert alert--error">{refusedAccess(state) ? tf("forbidden") : tf("errorsFound")}</p> : null}
      </div>
      <fieldset className="field">
        <legend>{t("providerLegend")}</legend>
        {KINDS.map((k) => (
          <div key={k}>
            <label className="checkbox">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(`kind.${k}`)}
            </label>
          </div>
        ))}
      </fieldset>
      {kind === "entra" ? <Field name="tenant" label={t("tenant")} hint={t("tenantHelp")} defaultValue={view.tenant} errors={errors.tenant} /> : null}
      {kind === "google" ? <Field name="hostedDomain" label={t("hostedDomain")} hint={t("hostedDomainHelp")} defaultValue={view.hostedDomain} errors={errors.hostedDomain} /> : null}
      {kind === "oidc" ? <Field name="issuer" label={t("issuer")} hint={t("issuerHelp")} defaultValue={view.issuer} errors={errors.issuer} /> : null}
      <Field name="clientId" label={t("clientId")} defaultValue={view.clientId} errors={errors.clientId} autoComplete="off" />
      <div className="field">
        <label htmlFor="field-clientSecret">{t("clientSecret")}</label>
        <span id="field-clientSecret-hint" className="muted">
          {view.hasSecret ? t("clientSecretHelpStored") : t("clientSecretHelpNew")}
        </span>
        <input
          ref={secret}
          id="field-clientSecret"
          name="clientSecret"
          type="password"
          autoComplete="new-password"
          defaultValue=""
          aria-describedby={`field-clientSecret-hint${errors.clientSecret ? " field-clientSecret-error" : ""}`}
          aria-invalid={errors.clientSecret ? true : undefined}
        />
        {errors.clientSecret ? (
          <span id="field-clientSecret-error" className="field-error">
            {errors.clientSecret.map(errorText).join(" ")}
          </span>
        ) : null}
      </div>
      <fieldset className="field">
        <legend>{t("optionsLegend")}</legend>
        {check("enabled", t("enabled"), t("enabledHelp"))}
        {check("jitCreate", t("jitCreate"), t("jitCreateHelp"))}
        {check("passwordsOffForLearners", t("passwordsOff"), t("passwordsOffHelp"))}
      </fieldset>
      <button type="submit" disabled={pending}>
        {pending ? t("saving") : t("save")}
      </button>
    </form>
  );
}

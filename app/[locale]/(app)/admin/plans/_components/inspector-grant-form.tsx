"use client";

import { useActionState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import { refusedAccess } from "@/lib/forms/form-state";
import type { GrantState } from "@/lib/inspector/form-state";

/** E-mail and days; on success the one-time link, shown this once. */
export function InspectorGrantForm({ planId, action }: { planId: number; action: (prev: GrantState, formData: FormData) => Promise<GrantState> }) {
  const t = useTranslations("inspector");
  const tf = useTranslations("form");
  const format = useFormatter();
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state?.fieldErrors ?? {};
  const typed = (name: string) => (state && !state.ok && typeof state.values?.[name] === "string" ? (state.values[name] as string) : undefined);
  return (
    <form action={formAction} noValidate className="card">
      <input type="hidden" name="planId" value={planId} />
      <div role="status" aria-live="polite">
        {state?.ok && state.link ? (
          <div className="alert alert--ok">
            <p>{t("created", { email: state.email ?? "", date: format.dateTime(new Date(state.expiresAt ?? 0), { dateStyle: "medium" }) })}</p>
            <p>
              <label htmlFor="inspector-link">{t("linkLabel")}</label>
            </p>
            <input id="inspector-link" className="inspector-link" readOnly value={state.link} onFocus={(e) => e.currentTarget.select()} />
            <p className="hint">{t("linkHint", { date: format.dateTime(new Date(state.linkExpiresAt ?? 0), { dateStyle: "medium", timeStyle: "short" }) })}</p>
          </div>
        ) : null}
        {state && !state.ok ? <p className="alert alert--error">{refusedAccess(state) ? tf("forbidden") : state.message === "not_found" ? t("planNotFound") : tf("errorsFound")}</p> : null}
      </div>
      <Field name="email" type="email" label={t("email")} defaultValue={typed("email")} errors={errors.email} autoComplete="off" />
      <Field name="days" type="number" inputMode="numeric" label={t("days")} hint={t("daysHint")} defaultValue={typed("days") ?? "30"} errors={errors.days} />
      <button type="submit" disabled={pending}>
        {pending ? t("creating") : t("create")}
      </button>
    </form>
  );
}

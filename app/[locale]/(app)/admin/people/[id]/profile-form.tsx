"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, useErrorText } from "@/components/ui/field";
import { refusedAccess, type FormAction } from "@/lib/forms/form-state";

type Person = {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  fiscalCode: string | null;
  department: string | null;
  qualification: string | null;
  contractType: string | null;
  roles: string[];
};

type Props = { person: Person; action: FormAction };

export function ProfileForm({ person, action }: Props) {
  const t = useTranslations("admin.person");
  const tf = useTranslations("form");
  const tr = useTranslations("roles");
  const errorText = useErrorText();
  const [state, formAction, pending] = useActionState(action, null);
  const value = (name: string, fallback: string | null) => {
    const typed = state?.values?.[name];
    return typeof typed === "string" ? typed : fallback;
  };
  const errors = state?.fieldErrors ?? {};
  return (
    <form action={formAction} noValidate className="card">
      <input type="hidden" name="userId" value={person.id} />
      <div role="status" aria-live="polite">
        {state?.ok ? <p className="alert alert--ok">{tf("saved")}</p> : null}
        {state && !state.ok ? <p className="alert alert--error">{refusedAccess(state) ? tf("forbidden") : errors.userId ? tf("notFound") : tf("errorsFound")}</p> : null}
      </div>
      <Field name="firstName" label={t("firstName")} defaultValue={value("firstName", person.firstName)} errors={errors.firstName} autoComplete="off" />
      <Field name="lastName" label={t("lastName")} defaultValue={value("lastName", person.lastName)} errors={errors.lastName} autoComplete="off" />
      <Field name="email" type="email" label={t("email")} defaultValue={value("email", person.email)} errors={errors.email} autoComplete="off" />
      <Field name="fiscalCode" label={t("fiscalCode")} hint={t("fiscalCodeHint")} defaultValue={value("fiscalCode", person.fiscalCode)} errors={errors.fiscalCode} autoComplete="off" />
      <Field name="department" label={t("department")} defaultValue={value("department", person.department)} errors={errors.department} />
      <Field name="qualification" label={t("qualification")} defaultValue={value("qualification", person.qualification)} errors={errors.qualification} />
      <Field name="contractType" label={t("contractType")} defaultValue={value("contractType", person.contractType)} errors={errors.contractType} />
      <fieldset className="field" aria-describedby={errors.roles ? "roles-error" : undefined}>
        <legend>{t("roles")}</legend>
        {(["learner", "trainer", "admin"] as const).map((r) => (
          <label key={r} className="checkbox">
            <input type="checkbox" name="roles" value={r} defaultChecked={state?.values ? [state.values.roles ?? []].flat().includes(r) : person.roles.includes(r)} /> {tr(r)}
          </label>
        ))}
        {errors.roles ? (
          <span id="roles-error" className="field-error">
            {errors.roles.map(errorText).join(" ")}
          </span>
        ) : null}
      </fieldset>
      <button type="submit" disabled={pending}>
        {pending ? tf("saving") : tf("save")}
      </button>
    </form>
  );
}

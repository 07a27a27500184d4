"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/field";
import { refusedAccess, type FormAction } from "@/lib/forms/form-state";

type Company = { name: string; taxCode: string | null; inpsNumber: string | null; city: string | null; signerName: string | null; signerRole: string | null };
type Props = { company: Company; action: FormAction };

export function CompanyForm({ company, action }: Props) {
  const t = useTranslations("admin.company");
  const tf = useTranslations("form");
  const [state, formAction, pending] = useActionState(action, null);
  const value = (name: string, fallback: string | null) => {
    const typed = state?.values?.[name];
    return typeof typed === "string" ? typed : fallback;
  };
  const e = state?.fieldErrors ?? {};
  return (
    <form action={formAction} noValidate className="card">
      <div role="status" aria-live="polite">
        {state?.ok ? <p className="alert alert--ok">{tf("saved")}</p> : null}
        {state && !state.ok ? <p className="alert alert--error">{refusedAccess(state) ? tf("forbidden") : tf("errorsFound")}</p> : null}
      </div>
      <Field name="name" label={t("name")} defaultValue={value("name", company.name)} errors={e.name} />
      <Field name="taxCode" label={t("taxCode")} defaultValue={value("taxCode", company.taxCode)} errors={e.taxCode} />
      <Field name="inpsNumber" label={t("inpsNumber")} defaultValue={value("inpsNumber", company.inpsNumber)} errors={e.inpsNumber} />
      <Field name="city" label={t("city")} defaultValue={value("city", company.city)} errors={e.city} />
      <Field name="signerName" label={t("signerName")} defaultValue={value("signerName", company.signerName)} errors={e.signerName} />
      <Field name="signerRole" label={t("signerRole")} defaultValue={value("signerRole", company.signerRole)} errors={e.signerRole} />
      <button type="submit" disabled={pending}>
        {pending ? tf("saving") : tf("save")}
      </button>
    </form>
  );
}

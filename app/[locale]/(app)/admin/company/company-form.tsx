"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { CompanyFields, type CompanyValues } from "@/components/admin/company-fields";
import type { CompanyFormState } from "@/lib/companies/form-state";
import { refusedAccess } from "@/lib/forms/form-state";

type Props = { company: CompanyValues; action: (prev: CompanyFormState, formData: FormData) => Promise<CompanyFormState> };

export function CompanyForm({ company, action }: Props) {
  const tf = useTranslations("form");
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} noValidate className="card">
      <div role="status" aria-live="polite">
        {state?.ok ? <p className="alert alert--ok">{tf("saved")}</p> : null}
        {state && !state.ok ? <p className="alert alert--error">{refusedAccess(state) ? tf("forbidden") : tf("errorsFound")}</p> : null}
      </div>
      <CompanyFields company={company} typed={state?.values} errors={state?.fieldErrors ?? {}} detail={state?.detail} />
      <button type="submit" disabled={pending}>
        {pending ? tf("saving") : tf("save")}
      </button>
    </form>
  );
}

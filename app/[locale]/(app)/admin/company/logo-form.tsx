"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { FieldFrame } from "@/components/ui/field";
import type { CompanyFormState } from "@/lib/companies/form-state";

type Props = { logoSrc: string | null; action: (prev: CompanyFormState, formData: FormData) => Promise<CompanyFormState> };

/** Upload (or remove) the logo printed on certificates and shown in mails. */
export function LogoForm({ logoSrc, action }: Props) {
  const tc = useTranslations("companies");
  const tf = useTranslations("form");
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="card" encType="multipart/form-data">
      <div role="status" aria-live="polite">
        {state?.ok ? <p className="alert alert--ok">{tf("saved")}</p> : null}
      </div>
      {logoSrc ? (
        // A data: URL (at most 100 KB): no route to guard for it. next/image cannot optimise data: URLs.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={logoSrc} alt={tc("logoCurrent")} className="company-logo" />
      ) : (
        <p className="muted">{tc("noLogo")}</p>
      )}
      <FieldFrame
        name="logo"
        label={tc("logo")}
        hint={tc("logoHint")}
        errors={state?.fieldErrors?.logo}
        control={(a11y) => <input {...a11y} name="logo" type="file" accept="image/png,image/jpeg" />}
      />
      <button type="submit" name="intent" value="upload" disabled={pending}>
        {tc("logoUpload")}
      </button>{" "}
      {logoSrc ? (
        <button type="submit" name="intent" value="remove" className="button--secondary" disabled={pending}>
          {tc("logoRemove")}
        </button>
      ) : null}
    </form>
  );
}

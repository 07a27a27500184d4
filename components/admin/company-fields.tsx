"use client";

import { useTranslations } from "next-intl";
import { Field, FieldFrame } from "@/components/ui/field";

/** A company's record as the forms show it (new company wizard, company page). */
export type CompanyValues = {
  name: string;
  taxCode: string | null;
  inpsNumber: string | null;
  address: string | null;
  city: string | null;
  legalRepresentative: string | null;
  signerName: string | null;
  signerRole: string | null;
  senderName: string | null;
  replyTo: string | null;
  publicBaseUrl: string | null;
  emailDomains: string;
};

type Props = {
  company: CompanyValues;
  /** What the user typed last time (the form is reset by React after an action). */
  typed?: Record<string, string | string[]>;
  errors: Record<string, string[]>;
  /** Detail for a taken domain. */
  detail?: string;
};

/** The inputs of a company's record, each with its label and its errors. */
export function CompanyFields({ company, typed, errors, detail }: Props) {
  const t = useTranslations("admin.company");
  const tc = useTranslations("companies");
  const value = (name: keyof CompanyValues) => {
    const x = typed?.[name];
    return typeof x === "string" ? x : company[name];
  };
  return (
    <>
      <Field name="name" label={t("name")} defaultValue={value("name")} errors={errors.name} autoComplete="organization" />
      <Field name="taxCode" label={t("taxCode")} defaultValue={value("taxCode")} errors={errors.taxCode} />
      <Field name="inpsNumber" label={t("inpsNumber")} defaultValue={value("inpsNumber")} errors={errors.inpsNumber} />
      <Field name="address" label={tc("address")} defaultValue={value("address")} errors={errors.address} autoComplete="street-address" />
      <Field name="city" label={t("city")} defaultValue={value("city")} errors={errors.city} />
      <Field name="legalRepresentative" label={tc("legalRepresentative")} defaultValue={value("legalRepresentative")} errors={errors.legalRepresentative} />
      <Field name="signerName" label={t("signerName")} defaultValue={value("signerName")} errors={errors.signerName} />
      <Field name="signerRole" label={t("signerRole")} defaultValue={value("signerRole")} errors={errors.signerRole} />
      <Field name="senderName" label={tc("senderName")} hint={tc("senderNameHint")} defaultValue={value("senderName")} errors={errors.senderName} />
      <Field name="replyTo" type="email" label={tc("replyTo")} defaultValue={value("replyTo")} errors={errors.replyTo} />
      <Field name="publicBaseUrl" label={tc("publicBaseUrl")} hint={tc("publicBaseUrlHint")} defaultValue={value("publicBaseUrl")} errors={errors.publicBaseUrl} />
      <FieldFrame
        name="emailDomains"
        label={tc("emailDomains")}
        hint={tc("emailDomainsHint")}
        errors={errors.emailDomains}
        errorDetail={detail}
        control={(a11y) => <textarea {...a11y} name="emailDomains" rows={2} defaultValue={value("emailDomains") ?? ""} />}
      />
    </>
  );
}

"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, FieldFrame, useErrorText } from "@/components/ui/field";
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
  managedDepartment: string | null;
  trainerCourses: string[];
};

type Props = {
  person: Person;
  action: FormAction;
  /** The roles the signed-in admin may give or take (others are shown, and kept as they are). */
  grantable: string[];
  departments: string[];
  courses: { slug: string; title: string }[];
};

const ROLE_ORDER = ["learner", "trainer", "department_manager", "company_admin", "provider_admin"] as const;

export function ProfileForm({ person, action, grantable, departments, courses }: Props) {
  const t = useTranslations("admin.person");
  const tn = useTranslations("tenancy");
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
        {state && !state.ok ? <p className="alert alert--error">{refusedAccess(state) ? tf("forbidden") : errors.userId || state.message === "form.notFound" || state.message === "not_found" ? tf("notFound") : tf("errorsFound")}</p> : null}
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
        {ROLE_ORDER.filter((r) => grantable.includes(r) || person.roles.includes(r)).map((r) => (
          <label key={r} className="checkbox">
            <input
              type="checkbox"
              name="roles"
              value={r}
              disabled={!grantable.includes(r)}
              defaultChecked={state?.values ? [state.values.roles ?? []].flat().includes(r) : person.roles.includes(r)}
            />{" "}
            {tr(r)}
          </label>
        ))}
        {errors.roles ? (
          <span id="roles-error" className="field-error">
            {errors.roles.map(errorText).join(" ")}
          </span>
        ) : null}
      </fieldset>
      <FieldFrame
        name="managedDepartment"
        label={tn("managedDepartment")}
        hint={tn("managedDepartmentHint")}
        errors={errors.managedDepartment}
        control={(a11y) => (
          <>
            <input {...a11y} name="managedDepartment" list="department-names" defaultValue={value("managedDepartment", person.managedDepartment) ?? ""} />
            <datalist id="department-names">
              {departments.map((d) => (
                <option key={d} value={d} />
              ))}
            </datalist>
          </>
        )}
      />
      {courses.length ? (
        <fieldset className="field">
          <legend>{tn("trainerCourses")}</legend>
          <span className="muted">{tn("trainerCoursesHint")}</span>
          {courses.map((c) => (
            <label key={c.slug} className="checkbox">
              <input
                type="checkbox"
                name="trainerCourses"
                value={c.slug}
                defaultChecked={state?.values ? [state.values.trainerCourses ?? []].flat().includes(c.slug) : person.trainerCourses.includes(c.slug)}
              />{" "}
              {c.title}
            </label>
          ))}
        </fieldset>
      ) : null}
      <button type="submit" disabled={pending}>
        {pending ? tf("saving") : tf("save")}
      </button>
    </form>
  );
}

"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { AssignFormState } from "@/lib/enrolment/form-state";
import { refusedAccess } from "@/lib/forms/form-state";

/** Error keys of the plan and campaign fields (the `tenancy` catalogue). */
const TENANCY_ERRORS = ["plan", "planCourse", "recur", "recurNeedsRule"];

type Props = {
  courses: { slug: string; title: string }[];
  plans: { id: number; title: string; courses: string[] }[];
  action: (prev: AssignFormState, formData: FormData) => Promise<AssignFormState>;
};

/** Assign a course to everyone, a department or named people, in a plan, once or as a campaign; errors are tied to their fields. */
export function AssignForm({ courses, plans, action }: Props) {
  const t = useTranslations("enrol");
  const tn = useTranslations("tenancy");
  const [state, formAction, pending] = useActionState(action, null);
  const e = state?.fieldErrors ?? {};
  const v = (name: string) => {
    const x = state?.values?.[name];
    return typeof x === "string" ? x : undefined;
  };
  const err = (name: string) =>
    e[name]?.length ? (
      <span id={`${name}-error`} className="field-error">
        {e[name]!.map((k) => (TENANCY_ERRORS.includes(k) ? tn(`errors.${k}`) : t(`errors.${k}`, { emails: state?.detail ?? "" }))).join(" ")}
      </span>
    ) : null;
  return (
    <form action={formAction} className="card" noValidate>
      <div role="status" aria-live="polite">
        {state?.ok ? <p className="alert alert--ok">{t("saved")}</p> : null}
        {refusedAccess(state) ? <p className="alert alert--error">{t("errors.forbidden")}</p> : null}
      </div>
      <div className="field">
        <label htmlFor="courseSlug">{t("course")}</label>
        <select id="courseSlug" name="courseSlug" defaultValue={v("courseSlug")} aria-describedby={e.courseSlug ? "courseSlug-error" : undefined}>
          {courses.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.title}
            </option>
          ))}
        </select>
        {err("courseSlug")}
      </div>
      <fieldset className="field">
        <legend>{t("scope")}</legend>
        {(["everyone", "department", "people"] as const).map((s) => (
          <label key={s} className="checkbox">
            <input type="radio" name="scope" value={s} defaultChecked={(v("scope") ?? "department") === s} /> {t(s)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="department">{t("departmentName")}</label>
        <input id="department" name="department" type="text" defaultValue={v("department")} aria-invalid={e.department ? true : undefined} aria-describedby={e.department ? "department-error" : undefined} />
        {err("department")}
      </div>
      <div className="field">
        <label htmlFor="emails">{t("emails")}</label>
        <textarea id="emails" name="emails" rows={3} defaultValue={v("emails")} aria-invalid={e.emails ? true : undefined} aria-describedby={e.emails ? "emails-error" : undefined} />
        {err("emails")}
      </div>
      <div className="field">
        <label htmlFor="planId">{tn("plan")}</label>
        <select id="planId" name="planId" defaultValue={v("planId") ?? ""} aria-invalid={e.planId ? true : undefined} aria-describedby={e.planId ? "planId-error" : undefined}>
          <option value="">{tn("noPlan")}</option>
          {plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title}
            </option>
          ))}
        </select>
        {err("planId")}
      </div>
      <div className="field">
        <label htmlFor="recurMonths">{tn("recurMonths")}</label>
        <span id="recurMonths-hint" className="muted">
          {tn("recurMonthsHint")}
        </span>
        <input
          id="recurMonths"
          name="recurMonths"
          type="number"
          min={1}
          max={120}
          inputMode="numeric"
          defaultValue={v("recurMonths")}
          aria-invalid={e.recurMonths ? true : undefined}
          aria-describedby={e.recurMonths ? "recurMonths-hint recurMonths-error" : "recurMonths-hint"}
        />
        {err("recurMonths")}
      </div>
      <div className="field">
        <label htmlFor="dueDate">{t("dueDate")}</label>
        <input id="dueDate" name="dueDate" type="date" defaultValue={v("dueDate")} aria-invalid={e.dueDate ? true : undefined} aria-describedby={e.dueDate ? "dueDate-error" : undefined} />
        {err("dueDate")}
      </div>
      <button type="submit" disabled={pending}>
        {t("submit")}
      </button>
    </form>
  );
}

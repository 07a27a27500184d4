"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, SelectField, useErrorText } from "@/components/ui/field";
import { refusedAccess, type FormAction } from "@/lib/forms/form-state";
import { PresenceCheckField } from "./_components/presence-check-field";

/** A plan as the form shows it: every field as text, the courses as their slugs. */
export type PlanValues = {
  fund: string;
  title: string;
  avviso: string;
  protocol: string;
  projectTitle: string;
  cup: string;
  startsOn: string;
  endsOn: string;
  courses: string[];
  attendanceThreshold: string;
  finalTestRequired: "course" | "yes" | "no";
  signerName: string;
  signerRole: string;
  /** "" off, or the average seconds between presence checks. */
  presenceCheckSeconds: string;
};

type Props = {
  /** 0 for a new plan. */
  planId: number;
  plan: PlanValues;
  action: FormAction;
  funds: { value: string; label: string }[];
  courses: { slug: string; title: string }[];
};

/** Every field of a plan, each with its label and its errors; what was typed stays after a refusal. */
export function PlanForm({ planId, plan, action, funds, courses }: Props) {
  const t = useTranslations("plans");
  const tf = useTranslations("form");
  const errorText = useErrorText();
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state?.fieldErrors ?? {};
  const value = (name: Exclude<keyof PlanValues, "courses">) => {
    const typed = state?.values?.[name];
    return typeof typed === "string" ? typed : plan[name];
  };
  const chosen = state?.values ? [state.values.courses ?? []].flat() : plan.courses;
  return (
    <form action={formAction} noValidate className="card">
      <input type="hidden" name="planId" value={planId} />
      <div role="status" aria-live="polite">
        {state?.ok ? <p className="alert alert--ok">{tf("saved")}</p> : null}
        {state && !state.ok ? (
          <p className="alert alert--error">{refusedAccess(state) ? tf("forbidden") : state.message === "not_found" || errors.planId ? t("notFound") : tf("errorsFound")}</p>
        ) : null}
      </div>
      <SelectField name="fund" label={t("fund")} options={funds} defaultValue={value("fund")} errors={errors.fund} />
      <Field name="title" label={t("planTitle")} defaultValue={value("title")} errors={errors.title} autoComplete="off" />
      <Field name="avviso" label={t("avviso")} hint={t("avvisoHint")} defaultValue={value("avviso")} errors={errors.avviso} autoComplete="off" />
      <Field name="protocol" label={t("protocol")} defaultValue={value("protocol")} errors={errors.protocol} autoComplete="off" />
      <Field name="projectTitle" label={t("projectTitle")} defaultValue={value("projectTitle")} errors={errors.projectTitle} autoComplete="off" />
      <Field name="cup" label={t("cup")} hint={t("cupHint")} defaultValue={value("cup")} errors={errors.cup} autoComplete="off" />
      <div className="field-row">
        <Field name="startsOn" type="date" label={t("startsOn")} defaultValue={value("startsOn")} errors={errors.startsOn} />
        <Field name="endsOn" type="date" label={t("endsOn")} defaultValue={value("endsOn")} errors={errors.endsOn} />
      </div>
      <fieldset className="field" aria-describedby={errors.courses ? "field-courses-hint field-courses-error" : "field-courses-hint"}>
        <legend>{t("courses")}</legend>
        <span id="field-courses-hint" className="muted">
          {t("coursesHint")}
        </span>
        {courses.map((c) => (
          <label key={c.slug} className="checkbox">
            <input type="checkbox" name="courses" value={c.slug} defaultChecked={chosen.includes(c.slug)} /> {c.title}
          </label>
        ))}
        {errors.courses ? (
          <span id="field-courses-error" className="field-error">
            {errors.courses.map(errorText).join(" ")}
          </span>
        ) : null}
      </fieldset>
      <Field name="attendanceThreshold" type="number" label={t("attendanceThreshold")} hint={t("attendanceThresholdHint")} defaultValue={value("attendanceThreshold")} errors={errors.attendanceThreshold} />
      <SelectField
        name="finalTestRequired"
        label={t("finalTestRequired")}
        options={(["course", "yes", "no"] as const).map((v) => ({ value: v, label: t(`finalTest.${v}`) }))}
        defaultValue={value("finalTestRequired")}
        errors={errors.finalTestRequired}
      />
      <PresenceCheckField value={value("presenceCheckSeconds")} errors={errors.presenceCheckSeconds} />
      <Field name="signerName" label={t("signerName")} hint={t("signerNameHint")} defaultValue={value("signerName")} errors={errors.signerName} autoComplete="off" />
      <Field name="signerRole" label={t("signerRole")} defaultValue={value("signerRole")} errors={errors.signerRole} autoComplete="off" />
      <button type="submit" disabled={pending}>
        {planId === 0 ? (pending ? t("creating") : t("create")) : pending ? tf("saving") : tf("save")}
      </button>
    </form>
  );
}

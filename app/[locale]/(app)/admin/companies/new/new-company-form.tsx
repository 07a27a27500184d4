"use client";

import { useActionState, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { CompanyFields } from "@/components/admin/company-fields";
import { Field, useErrorText } from "@/components/ui/field";
import { DataTable } from "@/components/ui/data-table";
import type { NewCompanyFormState } from "@/lib/companies/form-state";
import { refusedAccess } from "@/lib/forms/form-state";
import { rowProblemText } from "@/lib/people/problem-text";

type Props = {
  action: (prev: NewCompanyFormState, formData: FormData) => Promise<NewCompanyFormState>;
  funds: string[];
  courses: { slug: string; title: string }[];
};

/** Server actions take at most 128 KiB (the front door): the file must leave room for the rest of the form. */
const PEOPLE_FILE_MAX_BYTES = 100 * 1024;

const EMPTY_COMPANY = {
  name: "",
  taxCode: null,
  inpsNumber: null,
  address: null,
  city: null,
  legalRepresentative: null,
  signerName: null,
  signerRole: null,
  senderName: null,
  replyTo: null,
  publicBaseUrl: null,
  emailDomains: "",
};

/** The three steps as numbered sections of one form, checked and saved together. */
export function NewCompanyForm({ action, funds, courses }: Props) {
  const t = useTranslations("companiesUi.new");
  const tc = useTranslations("companiesUi");
  const tf = useTranslations("form");
  const ti = useTranslations("import");
  const tn = useTranslations("tenancy");
  const errorText = useErrorText();
  const [state, formAction, pending] = useActionState(action, null);
  const [tooLarge, setTooLarge] = useState(false);
  const [sentFile, setSentFile] = useState(false);
  const errors = state?.fieldErrors ?? {};
  const typed = state?.values;
  const text = (name: string, fallback = "") => {
    const v = typed?.[name];
    return typeof v === "string" ? v : fallback;
  };
  const chosenCourses = typed ? [typed.plan_courses ?? []].flat() : courses.length === 1 ? [courses[0]!.slug] : [];
  const errorOf = (name: string) =>
    errors[name]?.length ? (
      <span id={`field-${name}-error`} className="field-error">
        {errors[name].map(errorText).join(" ")}
      </span>
    ) : null;
  const describedBy = (name: string) => (errors[name]?.length ? `field-${name}-error` : undefined);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    const file = (e.currentTarget.elements.namedItem("people") as HTMLInputElement | null)?.files?.[0];
    setSentFile(!!file);
    // Refused here: beyond the request limit the server could only answer with an error page.
    if (file && file.size > PEOPLE_FILE_MAX_BYTES) {
      e.preventDefault();
      setTooLarge(true);
    } else setTooLarge(false);
  };

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="new-company">
      <div role="status" aria-live="polite">
        {state && !state.ok ? <p className="alert alert--error">{refusedAccess(state) ? tf("forbidden") : t("errorsFound")}</p> : null}
      </div>

      <fieldset className="step">
        <legend>{t("step1")}</legend>
        <CompanyFields company={EMPTY_COMPANY} typed={typed} errors={errors} detail={state?.detail} />
      </fieldset>

      <fieldset className="step">
        <legend>{t("step2")}</legend>
        <p className="muted step-intro">{t("step2Intro")}</p>
        <div className="field">
          <label htmlFor="field-plan_fund">{t("fund")}</label>
          <select id="field-plan_fund" name="plan_fund" defaultValue={text("plan_fund", "fondimpresa")} aria-invalid={errors.plan_fund ? true : undefined} aria-describedby={describedBy("plan_fund")}>
            {funds.map((f) => (
              <option key={f} value={f}>
                {tc(`fund.${f}`)}
              </option>
            ))}
          </select>
          {errorOf("plan_fund")}
        </div>
        <Field name="plan_title" label={t("planTitle")} defaultValue={text("plan_title")} errors={errors.plan_title} />
        <Field name="plan_avviso" label={t("avviso")} hint={t("avvisoHint")} defaultValue={text("plan_avviso")} errors={errors.plan_avviso} />
        <Field name="plan_protocol" label={t("protocol")} defaultValue={text("plan_protocol")} errors={errors.plan_protocol} />
        <Field name="plan_projectTitle" label={t("projectTitle")} defaultValue={text("plan_projectTitle")} errors={errors.plan_projectTitle} />
        <Field name="plan_cup" label={t("cup")} defaultValue={text("plan_cup")} errors={errors.plan_cup} />
        <div className="field-row">
          <Field name="plan_startsOn" type="date" label={t("startsOn")} defaultValue={text("plan_startsOn")} errors={errors.plan_startsOn} />
          <Field name="plan_endsOn" type="date" label={t("endsOn")} defaultValue={text("plan_endsOn")} errors={errors.plan_endsOn} />
        </div>
        <fieldset className="field" aria-describedby={describedBy("plan_courses")}>
          <legend>{t("courses")}</legend>
          {courses.map((c) => (
            <label key={c.slug} className="checkbox">
              <input type="checkbox" name="plan_courses" value={c.slug} defaultChecked={chosenCourses.includes(c.slug)} />
              {c.title}
            </label>
          ))}
          {errorOf("plan_courses")}
        </fieldset>
        <Field
          name="plan_attendanceThreshold"
          inputMode="numeric"
          label={t("attendance")}
          hint={t("attendanceHint")}
          defaultValue={text("plan_attendanceThreshold")}
          errors={errors.plan_attendanceThreshold}
        />
        <div className="field">
          <label htmlFor="field-plan_finalTestRequired">{t("finalTest")}</label>
          <select
            id="field-plan_finalTestRequired"
            name="plan_finalTestRequired"
            defaultValue={text("plan_finalTestRequired", "course")}
            aria-invalid={errors.plan_finalTestRequired ? true : undefined}
            aria-describedby={describedBy("plan_finalTestRequired")}
          >
            <option value="course">{t("finalTestCourse")}</option>
            <option value="yes">{t("finalTestYes")}</option>
            <option value="no">{t("finalTestNo")}</option>
          </select>
          {errorOf("plan_finalTestRequired")}
        </div>
        <Field name="plan_signerName" label={t("planSignerName")} hint={t("planSignerHint")} defaultValue={text("plan_signerName")} errors={errors.plan_signerName} />
        <Field name="plan_signerRole" label={t("planSignerRole")} defaultValue={text("plan_signerRole")} errors={errors.plan_signerRole} />
      </fieldset>

      <fieldset className="step">
        <legend>{t("step3")}</legend>
        <p className="muted step-intro">{t("step3Intro")}</p>
        <p>
          <a href="/esempio-dipendenti.csv" download>
            {t("sample")}
          </a>
        </p>
        <div className="field">
          <label htmlFor="field-people">{t("peopleFile")}</label>
          <span id="field-people-hint" className="muted">
            {t("peopleHint")}
          </span>
          <input
            id="field-people"
            name="people"
            type="file"
            accept=".csv,text/csv"
            aria-invalid={errors.people || tooLarge ? true : undefined}
            aria-describedby={[`field-people-hint`, errors.people || tooLarge ? "field-people-error" : null, state && !state.ok && sentFile ? "field-people-again" : null].filter(Boolean).join(" ")}
          />
          {tooLarge ? (
            <span id="field-people-error" className="field-error">
              {t("fileTooLarge")}
            </span>
          ) : (
            errorOf("people")
          )}
          {state && !state.ok && sentFile ? (
            <span id="field-people-again" className="muted">
              {t("reselect")}
            </span>
          ) : null}
        </div>
        {state?.rows?.length ? (
          <section className="rows-report" aria-labelledby="rows-title">
            <h2 id="rows-title">{t("rowsTitle")}</h2>
            <p className="alert alert--error">{t("rowsIntro")}</p>
            <DataTable columns={[ti("line"), ti("name"), ti("email"), ti("problems")]}>
              {state.rows.map((r) => (
                <tr key={r.line} className="row-error">
                  <td data-label={ti("line")}>{r.line}</td>
                  <td data-label={ti("name")}>{r.name || "—"}</td>
                  <td data-label={ti("email")}>{r.email || "—"}</td>
                  <td data-label={ti("problems")}>{r.problems.map((p) => rowProblemText(p, ti, tn)).join("; ")}</td>
                </tr>
              ))}
            </DataTable>
          </section>
        ) : null}
      </fieldset>

      <button type="submit" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}

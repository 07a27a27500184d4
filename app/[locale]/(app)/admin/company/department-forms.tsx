"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field, SelectField } from "@/components/ui/field";
import { refusedAccess, type FieldErrors, type FormAction, type FormState } from "@/lib/forms/form-state";

type Option = { value: string; label: string };
type Props = { add: FormAction; move: FormAction; departments: Option[] };

/** "form.notFound" is worded for people; a parent that is not found can only be a tampered choice: "not valid". */
const forDepartments = (errors: FieldErrors): FieldErrors =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, v.map((e) => (e === "form.notFound" ? "form.invalid" : e))]));

function Status({ state, done }: { state: FormState; done: string }) {
  const t = useTranslations("plans.departments");
  const tf = useTranslations("form");
  return (
    <div role="status" aria-live="polite">
      {state?.ok ? <p className="alert alert--ok">{done}</p> : null}
      {state && !state.ok ? <p className="alert alert--error">{refusedAccess(state) ? tf("forbidden") : state.message === "not_found" ? t("notFound") : tf("errorsFound")}</p> : null}
    </div>
  );
}

/** Adding a department, and moving one under another (with everything under it). */
export function DepartmentForms({ add, move, departments }: Props) {
  const t = useTranslations("plans.departments");
  const [added, addAction, adding] = useActionState(add, null);
  const [moved, moveAction, moving] = useActionState(move, null);
  const typed = (state: FormState, name: string) => {
    const v = state?.values?.[name];
    return typeof v === "string" ? v : "";
  };
  const parents = [{ value: "", label: t("topLevel") }, ...departments];
  const addErrors = forDepartments(added?.fieldErrors ?? {});
  const moveErrors = forDepartments(moved?.fieldErrors ?? {});
  return (
    <div className="department-forms">
      <form action={addAction} noValidate className="card" aria-labelledby="department-add-title">
        <h3 id="department-add-title">{t("addTitle")}</h3>
        <Status state={added} done={t("added")} />
        <Field id="department-name" name="name" label={t("name")} defaultValue={typed(added, "name")} errors={addErrors.name} autoComplete="off" />
        <SelectField id="department-parentId" name="parentId" label={t("parent")} options={parents} defaultValue={typed(added, "parentId")} errors={addErrors.parentId} />
        <button type="submit" disabled={adding}>
          {t("add")}
        </button>
      </form>
      {departments.length > 1 ? (
        <form action={moveAction} noValidate className="card" aria-labelledby="department-move-title">
          <h3 id="department-move-title">{t("moveTitle")}</h3>
          <p className="hint">{t("moveIntro")}</p>
          <Status state={moved} done={t("moved")} />
          <SelectField id="move-departmentId" name="departmentId" label={t("department")} options={departments} defaultValue={typed(moved, "departmentId")} errors={moveErrors.departmentId} />
          <SelectField id="move-parentId" name="parentId" label={t("newParent")} options={parents} defaultValue={typed(moved, "parentId")} errors={moveErrors.parentId} />
          <button type="submit" disabled={moving}>
            {t("move")}
          </button>
        </form>
      ) : null}
    </div>
  );
}

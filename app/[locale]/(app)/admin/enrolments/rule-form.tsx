"use client";
import "@/components/admin/admin-forms.css";

import { useActionState, useId } from "react";
import { useTranslations } from "next-intl";
import type { FormAction, FormState } from "@/lib/forms/form-state";

type Props = { ruleId: number; label: string; dueDate: string | null; edit: FormAction; remove: FormAction };

/** Change a standing rule's due date, or remove the rule; each outcome is announced. */
export function RuleForm({ ruleId, label, dueDate, edit, remove }: Props) {
  const t = useTranslations("enrol");
  const [editState, editAction, editing] = useActionState(edit, null);
  const [removeState, removeAction, removing] = useActionState(remove, null);
  const id = useId();
  const outcome = (s: FormState) => (s ? (s.ok ? t(s.message === "ruleRemoved" ? "ruleRemoved" : "ruleSaved") : t("errors.ruleGone")) : "");
  return (
    <details className="rule-form">
      <summary>
        {t("changeRule")}
        <span className="visually-hidden">{` – ${label}`}</span>
      </summary>
      <form action={editAction} className="inline-form">
        <input type="hidden" name="ruleId" value={ruleId} />
        <div className="field">
          <label htmlFor={`${id}-due`}>{t("dueDate")}</label>
          <input id={`${id}-due`} name="dueDate" type="date" defaultValue={dueDate ?? ""} />
        </div>
        <button type="submit" className="button--secondary" disabled={editing}>
          {t("saveDueDate")}
        </button>
      </form>
      <form action={removeAction} className="inline-form">
        <input type="hidden" name="ruleId" value={ruleId} />
        <p className="hint">{t("removeHint")}</p>
        <button type="submit" className="danger" disabled={removing}>
          {t("removeRule")}
        </button>
      </form>
      <p role="status" className="muted">
        {outcome(removeState) || outcome(editState)}
      </p>
    </details>
  );
}

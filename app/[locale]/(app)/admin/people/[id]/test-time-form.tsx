"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/lib/forms/form-state";

type Props = { userId: number; current: number; options: readonly number[]; action: FormAction };

/** Extra time on timed tests for one learner; the outcome is announced. */
export function TestTimeForm({ userId, current, options, action }: Props) {
  const t = useTranslations("admin.person");
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="inline-form">
      <input type="hidden" name="userId" value={userId} />
      <div className="field">
        <label htmlFor="extraPercent">{t("testTimeLabel")}</label>
        <select id="extraPercent" name="extraPercent" defaultValue={String(current)} aria-describedby="extraPercent-hint">
          {options.map((p) => (
            <option key={p} value={p}>
              {p === 0 ? t("testTimeNone") : t("testTimeExtra", { percent: p })}
            </option>
          ))}
        </select>
        <span id="extraPercent-hint" className="muted">
          {t("testTimeHint")}
        </span>
      </div>
      <button type="submit" className="button--secondary" disabled={pending}>
        {t("testTimeSave")}
      </button>
      <p role="status" className="muted">
        {state ? (state.ok ? t(state.message === "unchanged" ? "testTimeUnchanged" : "testTimeSaved") : t("testTimeError")) : ""}
      </p>
    </form>
  );
}

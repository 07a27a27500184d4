"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { RunRemindersState } from "../actions";

/** The button, and the counts of the run it started (announced to screen readers). */
export function RunRemindersForm({ action }: { action: () => Promise<RunRemindersState> }) {
  const t = useTranslations("outbox.reminders");
  const tn = useTranslations("tenancy");
  const [state, formAction, pending] = useActionState<RunRemindersState>(action, null);
  let message: string | null = null;
  if (state?.ok) {
    const r = state.report;
    const cycles = r.cyclesOpened ? `${tn("cyclesOpened", { count: r.cyclesOpened })} ` : "";
    message =
      cycles +
      (r.dueSoon + r.overdue === 0
        ? t("none")
        : `${t("result", { dueSoon: r.dueSoon, overdue: r.overdue })} ${t("delivery", { sent: r.delivery.sent, failed: r.delivery.failed, held: r.delivery.held })}`);
  } else if (state) {
    message = t(`errors.${state.error}`);
  }
  return (
    <form action={formAction}>
      <button type="submit" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
      <div role="status" aria-live="polite">
        {message ? <p className={state?.ok ? "alert alert--ok" : "alert alert--error"}>{message}</p> : null}
      </div>
    </form>
  );
}

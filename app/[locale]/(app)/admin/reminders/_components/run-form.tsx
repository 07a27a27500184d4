"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { RunRemindersState } from "@/lib/reminders/form-state";

/** The button, and the counts of the run it started (announced to screen readers). */
export function RunRemindersForm({ action }: { action: (prev: RunRemindersState, formData: FormData) => Promise<RunRemindersState> }) {
  const t = useTranslations("outbox.reminders");
  const tn = useTranslations("tenancy");
  const [state, formAction, pending] = useActionState(action, null);
  let message: string | null = null;
  if (state?.ok && state.report) {
    const r = state.report;
    const cycles = r.cyclesOpened ? `${tn("cyclesOpened", { count: r.cyclesOpened })} ` : "";
    message =
      cycles +
      (r.dueSoon + r.overdue === 0
        ? t("none")
        : `${t("result", { dueSoon: r.dueSoon, overdue: r.overdue })} ${t("delivery", { sent: r.delivery.sent, failed: r.delivery.failed, held: r.delivery.held })}`);
  } else if (state) {
    message = t(`errors.${state.message}`);
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

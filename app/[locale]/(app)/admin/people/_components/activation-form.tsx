"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { FormAction } from "@/lib/forms/form-state";

type Props = {
  action: FormAction;
  userId: number;
  active: boolean;
  name: string;
};

/** Deactivate / reactivate button for one person; the result is announced to screen readers. */
export function ActivationForm({ action, userId, active, name }: Props) {
  const t = useTranslations("admin.people");
  const [state, formAction, pending] = useActionState(action, null);
  const error =
    state && !state.ok ? (state.message === "self" ? t("cannotDeactivateSelf") : state.message === "not_found" ? t("notFound") : null) : null;
  return (
    <form action={formAction}>
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <button type="submit" className="secondary" disabled={pending} aria-label={active ? t("deactivateLabel", { name }) : t("activateLabel", { name })}>
        {active ? t("deactivate") : t("activate")}
      </button>
      <span role="status" className={error ? "alert--error" : "muted"}>
        {error ?? (state?.ok ? t("updated") : "")}
      </span>
    </form>
  );
}

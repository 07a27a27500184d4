"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import type { FormAction, FormState } from "@/lib/forms/form-state";

const ERRORS = ["not_found", "inactive", "has_password", "invalid", "forbidden", "unauthorized"] as const;
const DONE = ["sent", "held", "failed"] as const;

function useOutcome(state: FormState, email: string): { text: string; error: boolean } | null {
  const t = useTranslations("outbox.invite");
  if (!state) return null;
  const key = state.message ?? "";
  if (state.ok) return (DONE as readonly string[]).includes(key) ? { text: t(`done.${key as (typeof DONE)[number]}`, { email }), error: key === "failed" } : null;
  return { text: t(`errors.${(ERRORS as readonly string[]).includes(key) ? (key as (typeof ERRORS)[number]) : "invalid"}`), error: true };
}

/** Invite by e-mail address; the outcome is announced to screen readers. */
export function InviteByEmailForm({ action }: { action: FormAction }) {
  const t = useTranslations("outbox.invite");
  const [email, setEmail] = useState("");
  const [state, formAction, pending] = useActionState<FormState, FormData>(async (prev, fd) => {
    setEmail(String(fd.get("email") ?? "").trim());
    return action(prev, fd);
  }, null);
  const outcome = useOutcome(state, email);
  return (
    <form action={formAction} className="toolbar" noValidate>
      <div className="field">
        <label htmlFor="invite-email">{t("email")}</label>
        <input id="invite-email" name="email" type="email" autoComplete="off" required maxLength={320} aria-describedby="invite-email-status" />
      </div>
      <button type="submit" disabled={pending}>
        {t("submit")}
      </button>
      <p id="invite-email-status" role="status" className={outcome?.error ? "field-error" : "muted"}>
        {outcome?.text ?? ""}
      </p>
    </form>
  );
}

/** One person's "send the invitation" button in the waiting list. */
export function InvitePersonButton({ action, userId, email, name, invitedBefore }: { action: FormAction; userId: number; email: string; name: string; invitedBefore: boolean }) {
  const t = useTranslations("outbox.invite");
  const [state, formAction, pending] = useActionState(action, null);
  const outcome = useOutcome(state, email);
  return (
    <form action={formAction}>
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" className="secondary" disabled={pending} aria-label={invitedBefore ? t("againLabel", { name }) : t("submitLabel", { name })}>
        {invitedBefore ? t("again") : t("submit")}
      </button>
      <span role="status" className={outcome?.error ? "field-error" : "muted"}>
        {outcome ? ` ${outcome.text}` : ""}
      </span>
    </form>
  );
}

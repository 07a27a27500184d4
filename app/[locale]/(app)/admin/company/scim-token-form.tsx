"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { ScimTokenState } from "@/lib/scim/form-state";

type Props = {
  action: (prev: ScimTokenState, formData: FormData) => Promise<ScimTokenState>;
  /** Whether the company already has a token (the button then replaces it). */
  hasToken: boolean;
};

/**
 * Creates (or replaces) the company's SCIM token and shows it this once, ready to be pasted into
 * the directory's "Secret Token" field; after a reload it is gone for good.
 */
export function ScimTokenForm({ action, hasToken }: Props) {
  const t = useTranslations("scim.panel");
  const [state, formAction, pending] = useActionState(action, null);
  const replacing = hasToken || !!state?.token;
  return (
    <form action={formAction} className="card">
      <div role="status" aria-live="polite">
        {state?.ok && state.token ? (
          <div className="alert alert--ok">
            <p>{state.replaced ? t("createdReplaced") : t("created")}</p>
            <div className="field">
              <label htmlFor="scim-token">{t("tokenLabel")}</label>
              <input id="scim-token" type="text" readOnly value={state.token} onFocus={(e) => e.currentTarget.select()} spellCheck={false} autoComplete="off" />
            </div>
          </div>
        ) : null}
        {state && !state.ok ? <p className="alert alert--error">{t("failed")}</p> : null}
      </div>
      {replacing ? <p className="muted" id="scim-replace-hint">{t("replaceHint")}</p> : null}
      <button type="submit" disabled={pending} aria-describedby={replacing ? "scim-replace-hint" : undefined} className={replacing ? "secondary" : undefined}>
        {replacing ? t("replace") : t("create")}
      </button>
    </form>
  );
}

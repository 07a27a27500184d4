import { getTranslations } from "next-intl/server";

/** A plain GET form (works without JavaScript): `/verify?code=…` redirects to the code's page. */
export async function VerifyForm({ defaultCode, headingId }: { defaultCode?: string; headingId?: string }) {
  const t = await getTranslations("verify");
  return (
    <form className="verify-form" method="get" action="/verify" aria-labelledby={headingId}>
      <div className="field">
        <label htmlFor="code">{t("codeLabel")}</label>
        <input
          id="code"
          name="code"
          type="text"
          inputMode="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={40}
          required
          defaultValue={defaultCode}
          aria-describedby="code-hint"
        />
        <p id="code-hint" className="hint">
          {t("codeHint")}
        </p>
      </div>
      <button type="submit">{t("submit")}</button>
    </form>
  );
}

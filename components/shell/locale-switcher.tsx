import { getLocale, getTranslations } from "next-intl/server";

/**
 * A plain HTML form (works without JavaScript, and reloads the page in the new language on
 * every kind of page, the prerendered lessons included): posts the other language to
 * /api/locale, which sets the cookie and returns to this page.
 */
export async function LocaleSwitcher() {
  const locale = await getLocale();
  const t = await getTranslations("nav");
  const other = locale === "it" ? "en" : "it";
  return (
    <form action="/api/locale" method="post">
      <input type="hidden" name="locale" value={other} />
      <button type="submit" className="link" lang={other} title={t("switchToLabel")}>
        {t("switchTo")}
      </button>
    </form>
  );
}

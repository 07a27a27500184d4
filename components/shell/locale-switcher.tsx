import { getLocale, getTranslations } from "next-intl/server";
import { setLocaleAction } from "@/app/[locale]/actions";

/** A plain form (works without JavaScript): posts the other language and returns to this page. */
export async function LocaleSwitcher() {
  const locale = await getLocale();
  const t = await getTranslations("nav");
  const other = locale === "it" ? "en" : "it";
  return (
    <form action={setLocaleAction}>
      <input type="hidden" name="locale" value={other} />
      <button type="submit" className="link" lang={other} title={t("switchToLabel")}>
        {t("switchTo")}
      </button>
    </form>
  );
}

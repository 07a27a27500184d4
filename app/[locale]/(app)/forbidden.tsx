import { getTranslations } from "next-intl/server";
import { MessagePage } from "@/components/shell/message-page";

/**
 * 403 in the signed-in area: shown inside the `(app)` layout, so the person keeps their own
 * header (their links, their name, "Esci") and can go somewhere they may go.
 */
export default async function Forbidden() {
  const t = await getTranslations("errors");
  return <MessagePage title={t("forbiddenTitle")} text={t("forbiddenText")} homeLabel={t("home")} />;
}

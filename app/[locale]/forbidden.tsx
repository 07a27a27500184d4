import { getTranslations } from "next-intl/server";
import { MessagePage } from "@/components/shell/message-page";
import { StaticHeader } from "@/components/shell/static-header";

/**
 * 403 outside the signed-in area: the page the lesson route keeps in memory for someone who
 * may not open a lesson (`/access-denied`), with the lesson header whose name the route fills
 * in. It must read no cookies: Next renders every segment's fallback pages along with each
 * page, and a cookie read here made every page under `[locale]` dynamic — the prerendered
 * lessons included. Pages of the signed-in area get `(app)/forbidden.tsx`, inside their header.
 */
export default async function Forbidden() {
  const t = await getTranslations("errors");
  return (
    <>
      <StaticHeader />
      <MessagePage title={t("forbiddenTitle")} text={t("forbiddenText")} homeLabel={t("home")} />
    </>
  );
}

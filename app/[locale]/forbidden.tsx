import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";
import { MessagePage } from "@/components/shell/message-page";
import { SiteHeader } from "@/components/shell/site-header";
import { StaticHeader } from "@/components/shell/static-header";

/**
 * 403 inside the site's chrome: a signed-in person keeps their header (their own links, their
 * name, "Esci"), so they can go somewhere they may go. Without a session (the copy the lesson
 * route keeps in memory) the lesson header, whose name the route fills in.
 */
export default async function Forbidden() {
  const t = await getTranslations("errors");
  const user = await getCurrentUser();
  return (
    <>
      {user ? <SiteHeader user={user} /> : <StaticHeader />}
      <MessagePage title={t("forbiddenTitle")} text={t("forbiddenText")} homeLabel={t("home")} />
    </>
  );
}

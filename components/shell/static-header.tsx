import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { HeaderFrame } from "./header-frame";
import { LocaleSwitcher } from "./locale-switcher";
import { SignOutForm } from "./sign-out-form";
import { USER_NAME_MARKER } from "@/lib/lessons/personalise";

/**
 * Header for prerendered lesson pages: the same bytes for every learner, so the page can be
 * static HTML. The name is a marker the lesson route replaces with the learner's own as it
 * answers (lib/lessons/personalise.ts); the links are the ones every learner has. Pages no
 * route personalises (`named={false}`) leave the name out rather than show the marker.
 */
export async function StaticHeader({ named = true }: { named?: boolean }) {
  const t = await getTranslations("nav");
  return (
    <HeaderFrame
      nav={
        <nav className="site-nav" aria-label={t("main")}>
          <ul>
            <li>
              <Link href="/courses">{t("myCourses")}</Link>
            </li>
            <li>
              <Link href="/me">{t("myTraining")}</Link>
            </li>
          </ul>
        </nav>
      }
      tools={
        <>
          {named ? <span className="user-name">{t("signedInAs", { name: USER_NAME_MARKER })}</span> : null}
          <LocaleSwitcher />
          <SignOutForm prerendered />
        </>
      }
    />
  );
}

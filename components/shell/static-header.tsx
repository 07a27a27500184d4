import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "./locale-switcher";
import { SignOutForm } from "./sign-out-form";

/**
 * Header for prerendered pages: the same for every user (no name, no role-specific links),
 * so the page can be static HTML served from cache.
 */
export async function StaticHeader() {
  const t = await getTranslations("nav");
  const tApp = await getTranslations("app");
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link className="brand" href="/">
          {tApp("name")}
        </Link>
        <nav className="site-nav" aria-label={t("main")}>
          <ul>
            <li>
              <Link href="/courses">{t("myCourses")}</Link>
            </li>
          </ul>
        </nav>
        <div className="header-tools">
          <LocaleSwitcher />
          <SignOutForm />
        </div>
      </div>
    </header>
  );
}

import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "@/components/shell/locale-switcher";

/** Header for public pages (no session): the brand and the language switch. */
export async function PublicHeader() {
  const tApp = await getTranslations("app");
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link className="brand" href="/">
          {tApp("name")}
        </Link>
        <div className="header-tools">
          <LocaleSwitcher />
        </div>
      </div>
    </header>
  );
}

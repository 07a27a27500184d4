import type { ReactNode } from "react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LocaleSwitcher } from "./locale-switcher";

/** The frame of the public account pages (sign-in, invitation, password reset): brand, language, one card. */
export async function AccountShell({ title, children, backToSignIn = true }: { title: string; children: ReactNode; backToSignIn?: boolean }) {
  const tApp = await getTranslations("app");
  const t = await getTranslations("account");
  return (
    <>
      <header className="site-header">
        <div className="site-header__inner">
          <span className="brand">{tApp("name")}</span>
          <div className="header-tools">
            <LocaleSwitcher />
          </div>
        </div>
      </header>
      <main id="main" className="narrow">
        <div className="card">
          <h1>{title}</h1>
          {children}
        </div>
        {backToSignIn ? (
          <p>
            <Link href="/sign-in">{t("backToSignIn")}</Link>
          </p>
        ) : null}
      </main>
    </>
  );
}
